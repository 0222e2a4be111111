// One Basalt server for the peers benchmark, started by run.mjs over IPC: the `items` model
// seeded with the benchmark's rows, its cache on Redis, storage and realtime as configured by
// default, one signed-up user and the abuse budgets lifted. Answers { url, clientKey, ids,
// sessionToken, email, password } once listening on 127.0.0.1; closes on SIGTERM, SIGINT or
// when the parent goes away.
import {
  DEFAULT_CONFIG,
  createKey,
  createServer,
  parseServerConfig,
  revokeKey,
} from '@basalt/server'
import { CATEGORIES, ITEM_MODELS, seedSql } from './workload.mjs'

const { dataDir, databaseUrl, redisUrl, rows } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const generous = { max: 100_000_000, windowSeconds: 60 }
const server = await createServer(
  parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'warn',
    dataDir,
    databaseUrl,
    redisUrl,
    defaultRateLimit: undefined,
    app: {
      name: 'bench-peers',
      models: ITEM_MODELS,
      // The benchmark signs in far faster than any person: lift the abuse budgets.
      auth: { limits: { signInByIp: generous, signInByAccount: generous } },
    },
  }),
)
const db = server.database.db
const ownKey = server.developmentKey
  ? undefined
  : await createKey(db, { type: 'client', name: 'bench peers' })
const clientKey = (server.developmentKey ?? ownKey).secret
try {
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.42)')
    const columns = ['_id', 'name', 'category', 'price', 'stock', 'createdAt', 'updatedAt']
    await tx.query(seedSql('"app"."items"', columns, 24), [CATEGORIES, rows])
  })
  await db.query('VACUUM (ANALYZE) "app"."items"')
  const sample = 'SELECT "_id" FROM "app"."items" ORDER BY random() LIMIT 20000'
  const ids = (await db.query(sample)).map((row) => row._id)
  const url = await server.listen()
  const email = `bench-${process.pid}@bench.test`
  const password = 'bench-password-1'
  const response = await fetch(`${url}/_api/rest/v1/auth/signup-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client-key': clientKey },
    body: JSON.stringify({ email, password }),
  })
  const up = await response.json()
  if (!up.session) throw new Error(`sign-up: ${response.status} ${JSON.stringify(up)}`)
  await server.cache.set('bench-key', { hello: 'world', n: 42 })
  process.send({ url, clientKey, ids, sessionToken: up.session.token, email, password })
} catch (error) {
  console.error(error)
  await server.close()
  process.exit(1)
}

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    await server.cache.delete(['bench-key', 'bench-set']).catch(() => undefined)
    if (ownKey) await revokeKey(db, ownKey.record.id).catch(() => undefined)
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
