// The baseline of the peers benchmark: bare Fastify (no logger, no hooks) and a `pg` Pool of 10
// (as Basalt's) on its own database, serving get by id, the filtered list and create on a plain
// `items` table with Basalt's columns and indexes. Seeds the rows, then answers { url, ids } over
// IPC once listening on 127.0.0.1; closes on SIGTERM, SIGINT or when the parent goes away.
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { BARE_CREATE_SQL, BARE_GET_SQL, BARE_LIST_SQL, CATEGORIES, seedSql } from './workload.mjs'

const require = createRequire(import.meta.resolve('@basalt/server'))
const Fastify = require('fastify')
const pg = require('pg')

const { databaseUrl, rows } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
const columns = ['_id', 'name', 'category', 'price', 'stock', 'createdAt', 'updatedAt']
const client = await pool.connect()
await client.query(
  'CREATE TABLE items ("_id" text PRIMARY KEY, name text NOT NULL, category text, ' +
    'price double precision, stock bigint, "createdAt" timestamptz, "updatedAt" timestamptz)',
)
await client.query('BEGIN')
await client.query('SELECT setseed(0.42)')
await client.query(seedSql('items', columns, 24), [CATEGORIES, rows])
await client.query('COMMIT')
await client.query('CREATE INDEX items_category ON items (category NULLS FIRST)')
// Basalt's index order: ascending nulls first, which serves DESC NULLS LAST backwards.
await client.query('CREATE INDEX items_price ON items (price NULLS FIRST)')
await client.query('VACUUM (ANALYZE) items')
const ids = (await client.query('SELECT "_id" FROM items ORDER BY random() LIMIT 20000')).rows.map(
  (row) => row._id,
)
client.release()

const app = Fastify({ logger: false })
// POST {id}: the row as JSON, or null.
app.post('/items/get', async (request) => {
  const { rows } = await pool.query(BARE_GET_SQL, [request.body.id])
  return rows[0]?.doc ?? null
})
// POST {category, maxPrice}: the 20 most expensive items of a category under a price.
app.post('/items/list', async (request) => {
  const { category, maxPrice } = request.body
  const { rows } = await pool.query(BARE_LIST_SQL, [category, maxPrice])
  return rows.map((row) => row.doc)
})
// POST {name, category, price, stock}: the created row.
app.post('/items/create', async (request) => {
  const { name, category, price, stock } = request.body
  const id = randomBytes(12).toString('hex')
  const { rows } = await pool.query(BARE_CREATE_SQL, [id, name, category, price, stock])
  return rows[0].doc
})

const url = await app.listen({ host: '127.0.0.1', port: 0 })
process.send({ url, ids })

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 10_000).unref()
    await app.close()
    await pool.end()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
