// One Basalt server in its own process, started by run.mjs over IPC: it answers
// { url, databaseUrl, clientKey } once listening on 127.0.0.1, and closes on SIGTERM, SIGINT
// or when the parent goes away.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DEFAULT_CONFIG,
  createKey,
  createServer,
  parseServerConfig,
  revokeKey,
} from '@basalt/server'

const { logLevel, dataDir, databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel,
  dataDir,
  ...(databaseUrl ? { databaseUrl } : {}),
})
const server = await createServer(config)
const db = server.database.db
// A fresh app has its development key; a shared or external database gets a key of our own.
const ownKey = server.developmentKey
  ? undefined
  : await createKey(db, { type: 'client', name: 'bench health-overhead' })
const clientKey = (server.developmentKey ?? ownKey).secret
const url = await server.listen()
process.send({ url, clientKey, databaseUrl: databaseUrl ?? (await embeddedUrl(dataDir)) })

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    if (ownKey) await revokeKey(db, ownKey.record.id).catch(() => undefined)
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)

/**
 * Basalt does not expose the URL of its embedded PostgreSQL; rebuild it from the data folder
 * (layout of packages/server/src/adapters/database/embedded/data-files.ts) so that the bare
 * server pings the very same database.
 */
async function embeddedUrl(dir) {
  const password = (await readFile(join(dir, 'postgres.password'), 'utf8')).trim()
  const port = Number(
    (await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3],
  )
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/basalt`
}
