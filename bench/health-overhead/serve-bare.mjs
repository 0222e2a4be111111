// The baseline: bare Fastify (no logger, no hooks), with the same fastify and pg packages Basalt
// runs on, serving the equivalents of the benchmarked routes. Started by run.mjs over IPC.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.resolve('@basalt/server'))
const Fastify = require('fastify')
const pg = require('pg')

const { databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
// The same pool size as Basalt's (PostgresDatabase: max 10).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
const app = Fastify({ logger: false })

// Basalt's health route: one SELECT 1 on the pool, a report of the same shape.
app.get('/_api/health', async () => {
  const started = performance.now()
  await pool.query('SELECT 1')
  const latencyMs = Math.round((performance.now() - started) * 100) / 100
  return { status: 'ok', database: { status: 'up', latencyMs } }
})

// An unknown route: a JSON 404 body of the same shape as Basalt's error envelope.
app.setNotFoundHandler((request, reply) => {
  const details = { method: request.method, path: request.url.split('?')[0] }
  const error = {
    origin: 'client_error',
    code: 'resource_not_found',
    message: 'No resource was found at this path.',
  }
  return reply.code(404).send({ errors: [{ ...error, details }] })
})

const url = await app.listen({ host: '127.0.0.1', port: 0 })
process.send({ url })

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 10_000).unref()
    await app.close()
    await pool.end()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
