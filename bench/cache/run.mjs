// Benchmark: cache get and set through Basalt's REST API (cache on Redis) against direct Redis
// calls from one Node process, in the same run.
// Usage: node bench/cache/run.mjs [--quick] [--duration N]   (REDIS_URL, default local Redis)
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { once } from 'node:events'
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { benchFrame, measureInTurn, startServer } from '../health-overhead/lib.mjs'

const WARMUP_SECONDS = 2
const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, duration: { type: 'string' } },
})
const seconds = flags.duration ? Number(flags.duration) : flags.quick ? 3 : 10
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
  console.error('--duration expects whole seconds from 1 to 120')
  process.exit(2)
}
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

const { dataDir, track, shutdown } = await benchFrame(
  'basalt-bench-cache-',
  120_000 + 4 * (WARMUP_SECONDS + seconds + 5) * 1000,
)
let server

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()})`,
  )
  console.log(`Redis: ${redisUrl}; ${seconds} s per scenario; 50 connections`)
  server = track(
    await startServer('../cache/serve-cache.mjs', {
      dataDir,
      redisUrl,
      databaseUrl: process.env.DATABASE_URL || undefined,
    }),
  )
  const headers = { 'x-client-key': server.clientKey }
  const measure = (target, expected) =>
    measureInTurn([{ url: server.url, pid: server.pid, headers, ...target }], {
      path: '/',
      expected,
      warmupSeconds: WARMUP_SECONDS,
      seconds,
    }).then((results) => results[0])
  const get = await measure({ path: '/_api/rest/v1/cache?key=bench-key' }, 200)
  const set = await measure(
    {
      path: '/_api/rest/v1/cache',
      method: 'POST',
      body: JSON.stringify({ key: 'bench-set', value: { hello: 'world', n: 42 } }),
      headers: { ...headers, 'content-type': 'application/json' },
    },
    200,
  )
  server.child.send({ type: 'direct', seconds, concurrency: 50 })
  const [direct] = await once(server.child, 'message')
  const rows = [
    ['get', get, direct.get],
    ['set', set, direct.set],
  ]
  console.log(
    '\n| operation | REST req/s | p50 ms | p99 ms | errors | direct ioredis ops/s | REST ÷ direct |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const [name, r, d] of rows) {
    const errors = r.errors + r.timeouts + r.unexpected
    console.log(
      `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${errors} | ${Math.round(d)} | ${(r.rps / d).toFixed(2)} |`,
    )
  }
  const failed = [get, set].some((r) => r.errors || r.timeouts || r.unexpected)
  await shutdown(failed ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
