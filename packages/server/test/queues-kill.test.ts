import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { makeJobsApp, waitFor } from './queues-app.js'

const DIST_INDEX = fileURLToPath(new URL('../dist/index.js', import.meta.url))

// A process killed in the middle of a message loses nothing: the other process retries it.
// One target only: the retry waits for the message to expire (a few seconds).
describe.each(pgTargets().slice(-1))('a killed server on $name PostgreSQL', (target) => {
  let database: TestDatabase | undefined
  let survivor: BasaltServer | undefined
  let child: ChildProcess | undefined
  const jobsApp = makeJobsApp()
  const input = (url: string) => ({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'silent' as const,
    dataDir: '/nonexistent-unused',
    databaseUrl: url,
    appDir: jobsApp.appDir,
    app: {
      queues: {
        hang: { handler: 'handlers.mjs#hangFirst', timeoutSeconds: 1, retryDelaySeconds: 1 },
      },
      parameters: { LOG_FILE: jobsApp.logFile },
    },
  })

  afterAll(async () => {
    child?.kill('SIGKILL')
    await survivor?.close()
    await database?.drop()
  })

  it('retries the message on the other server', async () => {
    database = await createTestDatabase(target)
    const script = `
      const { createServer, parseServerConfig } = await import(${JSON.stringify(DIST_INDEX)})
      const server = await createServer(parseServerConfig(${JSON.stringify(input(database.url))}))
      const url = await server.listen()
      console.log(JSON.stringify({ url, key: server.developmentKey.secret }))`
    const started = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child = started
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      started.stdout!.on('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())))
      started.on('exit', (code) => reject(new Error(`child exited with ${code}`)))
    })
    const reply = await fetch(`${url}/_api/rest/v1/queue`, {
      method: 'POST',
      headers: { 'x-client-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ queueNameOrId: 'hang', message: { hangOnPid: started.pid } }),
    })
    const { messageId } = (await reply.json()) as { messageId: string }
    await waitFor(
      async () => jobsApp.lines(),
      (lines) => lines.includes(`start ${messageId} ${started.pid}`),
    )
    survivor = await createServer(parseServerConfig(input(database.url)))
    const exited = new Promise((resolve) => started.on('exit', resolve))
    started.kill('SIGKILL')
    await exited
    const status = async () =>
      (
        await survivor!.app.inject({
          url: `/_api/rest/v1/queue/${messageId}`,
          headers: { 'x-client-key': key },
        })
      ).json()
    const done = await waitFor(status, (info) => info.status === 'completed', 8000)
    expect(done.status).toBe('completed')
    expect(jobsApp.lines()).toEqual([
      `start ${messageId} ${started.pid}`,
      `start ${messageId} ${process.pid}`,
      `done ${messageId} ${process.pid}`,
    ])
    const [row] = await survivor.database.db.query(
      'SELECT attempts FROM basalt.queue_messages WHERE id = $1',
      [messageId],
    )
    expect(row!.attempts).toBe(2)
  }, 15_000)
})
