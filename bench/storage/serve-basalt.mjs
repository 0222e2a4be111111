// One Basalt server for the storage benchmark, started by run.mjs over IPC. It answers
// { url, clientKey } once listening on 127.0.0.1, answers { rss } to each { rss: true } message
// (this process's resident set, for the memory figure), and closes on SIGTERM, SIGINT or when
// the parent goes away.
import { readFileSync } from 'node:fs'
import {
  DEFAULT_CONFIG,
  createKey,
  createServer,
  parseServerConfig,
  revokeKey,
} from '@basalt/server'

const { dataDir, databaseUrl, maxFileSizeBytes } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const server = await createServer(
  parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'warn',
    dataDir,
    maxFileSizeBytes,
    ...(databaseUrl ? { databaseUrl } : {}),
  }),
)
const db = server.database.db
const ownKey = server.developmentKey
  ? undefined
  : await createKey(db, { type: 'client', name: 'bench storage' })
const clientKey = (server.developmentKey ?? ownKey).secret
const url = await server.listen()
process.send({ url, clientKey })

/** Resident set size in bytes, from /proc (cheap enough to sample every few ms). */
const rss = () => {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) * 1024 : process.memoryUsage.rss()
  } catch {
    return process.memoryUsage.rss()
  }
}
let peak = rss()
setInterval(() => (peak = Math.max(peak, rss())), 10).unref()
process.on('message', (message) => {
  if (message?.peak === 'reset') peak = rss()
  if (message?.peak) process.send({ rss: rss(), peak })
})

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    if (ownKey) await revokeKey(db, ownKey.record.id).catch(() => undefined)
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
