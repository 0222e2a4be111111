// One Basalt server for the functions benchmark, started by run.mjs over IPC: the endpoint
// GET /hello and, given `concurrency`, the queue `bench`, with handlers from `appDir`. It answers
// { url, clientKey, databaseUrl } once listening on 127.0.0.1, and closes on SIGTERM, SIGINT or
// when the parent goes away.
import {
  DEFAULT_CONFIG,
  createKey,
  createServer,
  parseServerConfig,
  revokeKey,
} from '@basalt/server'
import { appConfig } from './app.mjs'

const { dataDir, appDir, concurrency, databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel: 'warn',
  dataDir,
  appDir,
  ...(databaseUrl ? { databaseUrl } : {}),
  app: appConfig(concurrency),
})
const server = await createServer(config)
const db = server.database.db
// A fresh app has its development key; a reused or external database gets a key of our own.
const ownKey = server.developmentKey
  ? undefined
  : await createKey(db, { type: 'client', name: 'bench functions' })
const clientKey = (server.developmentKey ?? ownKey).secret
const url = await server.listen()
process.send({ url, clientKey, databaseUrl: server.database.url })

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    if (ownKey) await revokeKey(db, ownKey.record.id).catch(() => undefined)
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
