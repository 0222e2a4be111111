// One Basalt server with its cache on Redis, started by run.mjs over IPC. It answers
// { url, clientKey } once listening on 127.0.0.1. On the message 'direct' it measures direct
// ioredis GET and SET calls per second from this process (the baseline). It closes on SIGTERM,
// SIGINT or when the parent goes away.
import { Redis } from 'ioredis'
import { DEFAULT_CONFIG, createServer, parseServerConfig } from '@basalt/server'

const { dataDir, databaseUrl, redisUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel: 'warn',
  dataDir,
  redisUrl,
  ...(databaseUrl ? { databaseUrl } : {}),
  app: { name: `bench-cache-${process.pid}` },
  defaultRateLimit: undefined,
})
const server = await createServer(config)
const url = await server.listen()
await server.cache.set('bench-key', { hello: 'world', n: 42 })
process.send({ url, clientKey: server.developmentKey?.secret })

process.on('message', async (message) => {
  if (message?.type !== 'direct') return
  process.send({ type: 'direct', ...(await directRates(message.seconds, message.concurrency)) })
})

/** Direct ioredis GET and SET calls per second, `concurrency` in flight, as the baseline. */
async function directRates(seconds, concurrency) {
  const redis = new Redis(redisUrl)
  const value = JSON.stringify({ hello: 'world', n: 42 })
  const rate = async (call) => {
    const until = Date.now() + (seconds * 1000) / 2
    let done = 0
    const worker = async () => {
      while (Date.now() < until) {
        await call()
        done += 1
      }
    }
    const started = Date.now()
    await Promise.all(Array.from({ length: concurrency }, worker))
    return done / ((Date.now() - started) / 1000)
  }
  const get = await rate(() => redis.get('bench:direct'))
  const set = await rate(() => redis.set('bench:direct', value))
  await redis.del('bench:direct')
  redis.disconnect()
  return { get, set }
}

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    await server.cache.delete(['bench-key', 'bench-set']).catch(() => undefined)
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
