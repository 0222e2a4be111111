// The baseline: bare Fastify (no logger, no hooks) and a `pg` Pool on the same PostgreSQL, with
// the same fastify and pg packages Basalt runs on, serving the two benchmarked reads with the SQL
// the issue names. Started by run.mjs over IPC; answers { url } once listening on 127.0.0.1.
import { createRequire } from 'node:module'
import { BARE_GET_SQL, BARE_LIST_SQL } from './products.mjs'

const require = createRequire(import.meta.resolve('@basalt/server'))
const Fastify = require('fastify')
const pg = require('pg')

const { databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
// The same pool size as Basalt's (PostgresDatabase: max 10).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
const app = Fastify({ logger: false })

// POST {id}: the row as JSON, or null.
app.post('/products/get', async (request) => {
  const { rows } = await pool.query(BARE_GET_SQL, [request.body.id])
  return rows[0]?.doc ?? null
})

// POST {category, maxPrice}: the 20 most expensive products of a category under a price.
app.post('/products/list', async (request) => {
  const { category, maxPrice } = request.body
  const { rows } = await pool.query(BARE_LIST_SQL, [category, maxPrice])
  return rows.map((row) => row.doc)
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
