import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Handler modules of the queue and task tests: each appends a line to the app parameter
// LOG_FILE, so a test (or another process) sees what ran, where and how often.
const HANDLERS = `
import { appendFileSync } from 'node:fs'
const log = (context, line) => appendFileSync(context.params.LOG_FILE, line + '\\n')
export async function ok(context) {
  log(context, 'ok ' + context.trigger.messageId + ' ' + JSON.stringify(context.body))
}
export async function boom() { throw new Error('boom: out of cheese') }
export async function nonError() { throw { reason: 'not an Error' } }
export function never() { return new Promise(() => {}) }
export async function flaky(context) {
  log(context, 'flaky ' + context.trigger.attempt)
  if (context.trigger.attempt === 1) throw new Error('the first attempt fails')
}
export async function hangFirst(context) {
  log(context, 'start ' + context.trigger.messageId + ' ' + process.pid)
  if (context.body.hangOnPid === process.pid) await new Promise(() => {})
  log(context, 'done ' + context.trigger.messageId + ' ' + process.pid)
}
export async function tick(context) {
  log(context, 'tick ' + context.trigger.triggeredBy + ' ' + context.trigger.triggeredAt.toISOString() + ' ' + process.pid)
}
`

/** A temporary app folder with the test handlers, and its log file. */
export function makeJobsApp(): { appDir: string; logFile: string; lines: () => string[] } {
  const appDir = mkdtempSync(join(tmpdir(), 'basalt-jobs-'))
  writeFileSync(join(appDir, 'handlers.mjs'), HANDLERS)
  const logFile = join(appDir, 'log.txt')
  writeFileSync(logFile, '')
  const lines = () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean)
  return { appDir, logFile, lines }
}

/** Polls `read` until `done` holds, or fails after `ms`. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5000) {
  const until = Date.now() + ms
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
