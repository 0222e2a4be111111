// Parse Server 9 on PostgreSQL for the peers benchmark, started by run.mjs over IPC: its own
// express app on 127.0.0.1, files through @parse/fs-files-adapter in a temporary folder, no
// cloud code. It creates the `items` class (public read and create), seeds the benchmark's rows
// into its table with the same indexes as Basalt's, and signs up one user. Answers { url, appId,
// javascriptKey, ids, sessionToken, email, password }; closes on SIGTERM, SIGINT or disconnect.
import { createRequire } from 'node:module'
import { createServer } from 'node:http'
import { ParseServer } from 'parse-server'
import { CATEGORIES, seedSql } from './workload.mjs'

const require = createRequire(import.meta.resolve('parse-server'))
const express = require('express')
const FileSystemAdapter = require('@parse/fs-files-adapter')
const pg = require('pg')

const { databaseUrl, filesDir, rows } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const appId = 'bench-peers'
const masterKey = `master-${process.pid}-${Math.random().toString(36).slice(2)}`
const javascriptKey = 'bench-js-key'

// The adapter stores files under process.cwd()/files/<filesSubDirectory>.
process.chdir(filesDir)
const app = express()
const http = createServer(app)
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${http.address().port}`
const api = new ParseServer({
  databaseURI: databaseUrl,
  appId,
  masterKey,
  javascriptKey,
  serverURL: `${url}/parse`,
  filesAdapter: new FileSystemAdapter({ filesSubDirectory: 'parse' }),
  // Parse 9 refuses uploads without a user by default; Basalt's root bucket takes them.
  fileUpload: { enableForPublic: true },
  logLevel: 'error',
  silent: true,
  // No log files in the working folder.
  logsFolder: null,
})
await api.start()
app.use('/parse', api.app)

const headers = (extra = {}) => ({
  'content-type': 'application/json',
  'x-parse-application-id': appId,
  ...extra,
})
async function call(method, path, body, extra) {
  const response = await fetch(`${url}/parse${path}`, {
    method,
    headers: headers(extra),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await response.json()
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

try {
  const master = { 'x-parse-master-key': masterKey }
  await call(
    'POST',
    '/schemas/items',
    {
      className: 'items',
      fields: {
        name: { type: 'String' },
        category: { type: 'String' },
        price: { type: 'Number' },
        stock: { type: 'Number' },
      },
    },
    master,
  )
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  await client.query('BEGIN')
  await client.query('SELECT setseed(0.42)')
  const columns = ['objectId', 'name', 'category', 'price', 'stock', 'createdAt', 'updatedAt']
  await client.query(seedSql('"items"', columns, 10), [CATEGORIES, rows])
  await client.query('COMMIT')
  // The indexes Basalt creates for `indexed: true` fields, in the order that serves Parse's
  // ORDER BY price DESC (nulls first) backwards.
  await client.query('CREATE INDEX items_category ON "items" (category)')
  await client.query('CREATE INDEX items_price ON "items" (price)')
  await client.query('VACUUM (ANALYZE) "items"')
  const ids = (
    await client.query('SELECT "objectId" FROM "items" ORDER BY random() LIMIT 20000')
  ).rows.map((row) => row.objectId)
  await client.end()
  const email = `bench-${process.pid}@bench.test`
  const password = 'bench-password-1'
  const js = { 'x-parse-javascript-key': javascriptKey }
  await call('POST', '/users', { username: email, email, password }, js)
  const login = await call('POST', '/login', { username: email, password }, js)
  process.send({
    url,
    appId,
    javascriptKey,
    ids,
    sessionToken: login.sessionToken,
    email,
    password,
  })
} catch (error) {
  console.error(error)
  process.exit(1)
}

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    http.close()
    http.closeAllConnections()
    await api.handleShutdown?.().catch(() => undefined)
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
