// One Basalt server with the `products` model, started by run.mjs over IPC. It seeds the table
// (unless it already holds the benchmark's rows), then answers { url, clientKey, databaseUrl,
// ids, seeded } once listening on 127.0.0.1. On the message 'explain' it captures the SQL Basalt
// runs for one get and one list request and answers EXPLAIN ANALYZE of Basalt's and the bare
// server's list statements; on 'sql' it times the four statements alone on Basalt's pool. It
// closes on SIGTERM, SIGINT or when the parent goes away.
import {
  DEFAULT_CONFIG,
  createKey,
  createServer,
  parseServerConfig,
  revokeKey,
} from '@basalt/server'
import {
  BARE_GET_SQL,
  BARE_LIST_SQL,
  CATEGORIES,
  PRODUCT_MODELS,
  ROWS,
  SEED_SQL,
  basaltGetBody,
  basaltListBody,
  randomCategory,
  randomMaxPrice,
} from './products.mjs'
import { treeCpu, treeCpuSince } from './cpu.mjs'

const SAMPLE_IDS = 20_000

const { dataDir, databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel: 'warn',
  dataDir,
  ...(databaseUrl ? { databaseUrl } : {}),
  app: { name: 'bench-db', models: PRODUCT_MODELS },
})
const server = await createServer(config)
const db = server.database.db
// A fresh app has its development key; an external database gets a key of our own.
const ownKey = server.developmentKey
  ? undefined
  : await createKey(db, { type: 'client', name: 'bench db' })
const clientKey = (server.developmentKey ?? ownKey).secret
// A random sample of the ids, for the requests and the statements timed alone.
let ids = []
try {
  const seeded = await seed()
  ids = (
    await db.query(`SELECT "_id" FROM "app"."products" ORDER BY random() LIMIT ${SAMPLE_IDS}`)
  ).map((row) => row._id)
  const url = await server.listen()
  process.send({ url, clientKey, databaseUrl: server.database.url, ids, seeded })
} catch (error) {
  // Stop the embedded PostgreSQL too before reporting the failure.
  console.error(error)
  if (ownKey) await revokeKey(db, ownKey.record.id).catch(() => undefined)
  await server.close()
  process.exit(1)
}

/** Seeds the rows in one statement, then VACUUM ANALYZE so that plans and heap are settled. */
async function seed() {
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM "app"."products"')
  if (n === ROWS) return { ms: 0, reused: true }
  if (n !== 0) throw new Error(`app.products holds ${n} rows; expected none or ${ROWS}`)
  const started = performance.now()
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.42)')
    await tx.query(SEED_SQL, [CATEGORIES, ROWS])
  })
  await db.query('VACUUM (ANALYZE) "app"."products"')
  return { ms: Math.round(performance.now() - started), reused: false }
}

/** The statements (and their parameters) Basalt's pool receives while `work` runs. */
async function captureSql(work) {
  const seen = []
  const query = db.query
  db.query = (sql, params) => {
    if (sql.includes('"app"."products"')) seen.push({ sql, params })
    return query.call(db, sql, params)
  }
  try {
    await work()
  } finally {
    delete db.query
  }
  return seen
}

async function inject(path, payload) {
  const response = await server.app.inject({
    method: 'POST',
    url: `/_api/rest/v1/db/${path}`,
    headers: { 'x-client-key': clientKey, 'content-type': 'application/json' },
    payload,
  })
  if (response.statusCode !== 200)
    throw new Error(`${path}: ${response.statusCode} ${response.body}`)
  return response.json()
}

/** Basalt's own statements for a get and a list (the parameter order they bind). */
async function basaltStatements() {
  const [get] = await captureSql(() => inject('object/get', basaltGetBody(ids[0])))
  const [list] = await captureSql(() => inject('get-list', basaltListBody('books', 500)))
  if (!get || !list) throw new Error('could not capture the SQL of Basalt')
  return { get: get.sql, list: list.sql, listParams: list.params }
}

async function explain(sql, params) {
  const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)
  return rows.map((row) => row['QUERY PLAN']).join('\n')
}

/**
 * Each statement alone on Basalt's pool (10 connections), `concurrency` loops, in 1 s slices
 * taken in turn for `seconds` each: statements per second, and the PostgreSQL CPU time per
 * statement when the postmaster's pid is known. No HTTP, no request handling, no JSON.
 */
async function timeStatements(seconds, concurrency, postgresPid) {
  const basalt = await basaltStatements()
  const id = () => ids[Math.floor(Math.random() * ids.length)]
  const statements = [
    ['get', 'Basalt SQL', () => db.query(basalt.get, [id()])],
    ['get', 'bare SQL', () => db.query(BARE_GET_SQL, [id()])],
    ['list', 'Basalt SQL', () => db.query(basalt.list, [randomCategory(), randomMaxPrice()])],
    ['list', 'bare SQL', () => db.query(BARE_LIST_SQL, [randomCategory(), randomMaxPrice()])],
  ].map(([scenario, label, run]) => ({ scenario, label, run, done: 0, elapsed: 0, pgMs: 0 }))
  for (let slice = 0; slice < seconds; slice++) {
    for (const statement of statements) {
      const started = performance.now()
      const until = started + 1000
      const pgBefore = treeCpu(postgresPid)
      const worker = async () => {
        while (performance.now() < until) {
          await statement.run()
          statement.done += 1
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      statement.elapsed += (performance.now() - started) / 1000
      statement.pgMs += treeCpuSince(postgresPid, pgBefore)
    }
  }
  return statements.map(({ scenario, label, done, elapsed, pgMs }) => ({
    scenario,
    label,
    perSecond: done / elapsed,
    pgCpuUs: Number.isNaN(pgMs) ? undefined : (pgMs * 1000) / done,
  }))
}

process.on('message', async (message) => {
  try {
    if (message?.type === 'explain') {
      const basalt = await basaltStatements()
      const params = basalt.listParams
      process.send({
        type: 'explain',
        basaltSql: basalt.list,
        params,
        basalt: await explain(basalt.list, params),
        bare: await explain(BARE_LIST_SQL, params),
      })
    } else if (message?.type === 'sql') {
      process.send({
        type: 'sql',
        results: await timeStatements(message.seconds, message.concurrency, message.postgresPid),
      })
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) })
  }
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
