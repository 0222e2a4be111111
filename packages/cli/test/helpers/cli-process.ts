import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built CLI: the integration tests run what users run. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url))

/** Fails with the fix when the CLI was not built before the tests. */
export function assertBuilt(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} does not exist: build the CLI first with \`npx tsc -b packages/cli\``)
  }
}

/** A temp folder the `postgres` user can enter (the embedded PostgreSQL runs as it under root). */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  await chmod(dir, 0o755)
  return dir
}

const SETTINGS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'REDIS_URL',
  'BASALT_DATA_DIR',
  'BASALT_LOG_LEVEL',
]

/** The test's environment without Basalt settings that would leak into the children, plus `extra`. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BASALT_PUBLIC_URL: undefined }
  for (const name of SETTINGS) delete env[name]
  return { ...env, ...extra }
}

/** How a finished CLI run ended. */
export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `basalt ...args` to the end. */
export function runCli(args: string[], cwd: string, env = cliEnv()): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** A long-running CLI process whose output can be awaited. */
export interface CliProcess {
  child: ChildProcess
  output(): string
  /** Resolves with the match once stdout matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  exited: Promise<number | null>
  /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>
}

/** Spawns `basalt ...args` in the background. */
export function spawnCli(args: string[], cwd: string, env = cliEnv()): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env })
  let stdout = ''
  let stderr = ''
  const waiters = new Set<() => void>()
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    for (const check of waiters) check()
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const output = () => `${stdout}\n[stderr]\n${stderr}`
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern)
        if (match) {
          waiters.delete(check)
          resolve(match)
        }
      }
      waiters.add(check)
      check()
      void exited.then((code) =>
        reject(new Error(`exited (${code}) before ${pattern}:\n${output()}`)),
      )
    })
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  return { child, output, waitFor, exited, stop }
}
