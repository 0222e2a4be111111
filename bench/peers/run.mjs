// Benchmark: Basalt beside Parse Server 9 (the peer) and bare baselines (Fastify + `pg`, plain
// socket.io, direct Redis, a file copy), on one PostgreSQL, with the same workload, in one run.
// Usage: node bench/peers/run.mjs [--quick] [--duration N]
//   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): the server on which three
//   fresh databases are created and dropped at the end; REDIS_URL (default local Redis).
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { createHash, randomBytes } from 'node:crypto'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchFrame, startServer } from '../health-overhead/lib.mjs'
import { connectMembers, measureFanOut } from '../realtime/fan-out.mjs'
import { measureHttp, measureLoop } from './measure.mjs'
import { withPeakRss } from './rss.mjs'
import {
  ROWS,
  basaltCreateBody,
  basaltGetBody,
  basaltListBody,
  newItem,
  parseListPath,
  randomCategory,
  randomMaxPrice,
} from './workload.mjs'

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, duration: { type: 'string' } },
})
const quick = flags.quick
const seconds = flags.duration ? Number(flags.duration) : quick ? 1 : 8
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
  console.error('--duration expects whole seconds from 1 to 60')
  process.exit(2)
}
const WARMUP_SECONDS = quick ? 1 : 2
const SOCKETS = quick ? 100 : 1000
const MESSAGES = quick ? 10 : 50
const FILE_BYTES = 1024 * 1024
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

const require = createRequire(import.meta.resolve('@basalt/server'))
const pg = require('pg')
const { Redis } = require('ioredis')

const { dataDir, track, shutdown } = await benchFrame(
  'basalt-bench-peers-',
  quick ? 150_000 : 420_000 + 12 * seconds * 1000,
)

// Three fresh databases on one PostgreSQL server, dropped at the end (after the servers stop:
// `track` stops in reverse order).
const suffix = randomBytes(4).toString('hex')
const names = ['basalt', 'parse', 'bare'].map((n) => `bench_peers_${n}_${suffix}`)
const urlOf = (name) => {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
async function admin(sqls) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    for (const sql of sqls) await client.query(sql)
  } finally {
    await client.end()
  }
}
track({
  stop: async () => {
    await admin(names.map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)).catch((error) =>
      console.error(`could not drop the benchmark databases: ${error.message}`),
    )
    return true
  },
})

const pick = (list) => list[Math.floor(Math.random() * list.length)]
const json = { 'content-type': 'application/json' }
const rows = []
const verdicts = []

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, load average (1 min) ${loadavg()[0].toFixed(1)}`,
  )
  console.log(
    `PostgreSQL ${new URL(adminUrl).host}, Redis ${new URL(redisUrl).host}; ${ROWS} rows; ` +
      `${seconds} s per target per scenario (warm-up ${WARMUP_SECONDS} s)${quick ? ', quick' : ''}`,
  )
  await admin(names.map((n) => `CREATE DATABASE ${n}`))
  const started = performance.now()
  // Parse Server's default logger writes ./logs at import time; the children inherit this.
  process.env.PARSE_SERVER_LOGS_FOLDER = 'null'
  const filesDir = join(dataDir, 'parse-files')
  await mkdir(filesDir)
  // All three seed at once; every one that started is tracked before a failure is reported.
  const starting = await Promise.allSettled([
    startServer(
      '../peers/serve-basalt.mjs',
      { dataDir, databaseUrl: urlOf(names[0]), redisUrl, rows: ROWS },
      { quiet: true },
    ),
    startServer(
      '../peers/serve-parse.mjs',
      { databaseUrl: urlOf(names[1]), filesDir, rows: ROWS },
      { quiet: true },
    ),
    startServer('../peers/serve-bare.mjs', { databaseUrl: urlOf(names[2]), rows: ROWS }),
  ])
  for (const outcome of starting) if (outcome.status === 'fulfilled') track(outcome.value)
  const failed = starting.find((outcome) => outcome.status === 'rejected')
  if (failed) throw failed.reason
  const [basalt, parse, bare] = starting.map((outcome) => outcome.value)
  const socketIo = track(await startServer('../realtime/serve-bare.mjs', {}))
  console.log(`servers up and seeded after ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const key = { 'x-client-key': basalt.clientKey }
  const parseKeys = {
    'x-parse-application-id': parse.appId,
    'x-parse-javascript-key': parse.javascriptKey,
  }
  const targets = {
    basalt: (request, extra) => ({
      label: 'Basalt',
      url: basalt.url,
      pid: basalt.pid,
      request,
      ...extra,
    }),
    parse: (request, extra) => ({
      label: 'Parse',
      url: parse.url,
      pid: parse.pid,
      request,
      ...extra,
    }),
    bare: (request, extra) => ({
      label: 'Fastify + pg',
      url: bare.url,
      pid: bare.pid,
      request,
      ...extra,
    }),
  }
  const timing = { warmupSeconds: WARMUP_SECONDS, seconds }
  const post = (path, headers, body) => ({
    method: 'POST',
    path,
    headers: { ...json, ...headers },
    setupRequest: (request) => ({ ...request, body: body() }),
  })
  const get = (path, headers) => ({
    method: 'GET',
    path: '/',
    headers,
    setupRequest: (request) => ({ ...request, path: path() }),
  })

  /** Before anything is timed: the same row by id and the same list pages on all three. */
  async function checkSameAnswers() {
    const ask = async (url, init) => {
      const response = await fetch(url, init)
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
      return response.json()
    }
    const postJson = (url, headers, body) =>
      ask(url, { method: 'POST', headers: { ...json, ...headers }, body })
    const fields = (row) => JSON.stringify([row.name, row.category, row.price, row.stock])
    for (const n of [1, 2, 3]) {
      const id = createHash('md5').update(`bench-item-${n}`).digest('hex')
      const answers = await Promise.all([
        postJson(`${basalt.url}/_api/rest/v1/db/object/get`, key, basaltGetBody(id.slice(0, 24))),
        ask(`${parse.url}/parse/classes/items/${id.slice(0, 10)}`, { headers: parseKeys }),
        postJson(`${bare.url}/items/get`, {}, JSON.stringify({ id: id.slice(0, 24) })),
      ])
      if (new Set(answers.map(fields)).size !== 1) {
        throw new Error(`item ${n} differs: ${answers.map(fields).join(' / ')}`)
      }
    }
    for (let i = 0; i < 3; i++) {
      const category = randomCategory()
      const maxPrice = randomMaxPrice()
      const pages = await Promise.all([
        postJson(`${basalt.url}/_api/rest/v1/db/get-list`, key, basaltListBody(category, maxPrice)),
        ask(parse.url + parseListPath(category, maxPrice), { headers: parseKeys }).then(
          (answer) => answer.results,
        ),
        postJson(`${bare.url}/items/list`, {}, JSON.stringify({ category, maxPrice })),
      ])
      const prices = pages.map((page) => page.map((row) => row.price).join())
      if (pages[0].length !== 20 || new Set(prices).size !== 1) {
        throw new Error(`list ${category} < ${maxPrice} differs: ${prices.join(' / ')}`)
      }
    }
  }

  /** Measures HTTP targets and records their rows. */
  async function http(scenario, list, times = timing) {
    console.log(`measuring ${scenario}`)
    const results = await measureHttp(list, times)
    list.forEach((target, i) => record(scenario, target.label, results[i], target.pid))
    return Object.fromEntries(list.map((target, i) => [target.label, results[i]]))
  }

  await checkSameAnswers()
  console.log('the three servers answer the same rows')

  const getById = await http('1. get object by id', [
    targets.basalt(post('/_api/rest/v1/db/object/get', key, () => basaltGetBody(pick(basalt.ids)))),
    targets.parse(get(() => `/parse/classes/items/${pick(parse.ids)}`, parseKeys)),
    targets.bare(post('/items/get', {}, () => JSON.stringify({ id: pick(bare.ids) }))),
  ])
  const list = await http('2. list: filter, sort, limit 20', [
    targets.basalt(
      post('/_api/rest/v1/db/get-list', key, () =>
        basaltListBody(randomCategory(), randomMaxPrice()),
      ),
    ),
    targets.parse(get(() => parseListPath(randomCategory(), randomMaxPrice()), parseKeys)),
    targets.bare(
      post('/items/list', {}, () =>
        JSON.stringify({ category: randomCategory(), maxPrice: randomMaxPrice() }),
      ),
    ),
  ])
  const create = await http('3. create object', [
    targets.basalt(post('/_api/rest/v1/db/create', key, () => basaltCreateBody(newItem()))),
    targets.parse(post('/parse/classes/items', parseKeys, () => JSON.stringify(newItem()))),
    targets.bare(post('/items/create', {}, () => JSON.stringify(newItem()))),
  ])
  // Password hashing is CPU-bound (argon2id in Basalt, bcrypt in Parse): 10 connections, and at
  // least 3 s, so that enough sign-ins complete even in --quick.
  await http(
    '4. sign in (email + password)',
    [
      targets.basalt(
        post('/_api/rest/v1/auth/signin-email', key, () =>
          JSON.stringify({ email: basalt.email, password: basalt.password }),
        ),
        { connections: 10 },
      ),
      targets.parse(
        post('/parse/login', parseKeys, () =>
          JSON.stringify({ email: parse.email, password: parse.password }),
        ),
        { connections: 10 },
      ),
    ],
    { warmupSeconds: WARMUP_SECONDS, seconds: Math.max(3, seconds) },
  )
  await http('5. authenticated get (own user)', [
    targets.basalt({
      method: 'GET',
      path: '/_api/rest/v1/auth/user',
      headers: { ...key, session: basalt.sessionToken },
    }),
    targets.parse({
      method: 'GET',
      path: '/parse/users/me',
      headers: { ...parseKeys, 'x-parse-session-token': parse.sessionToken },
    }),
  ])

  // Files: 1 MiB of random bytes; 10 connections, so that a few MiB are in flight at most.
  const file = randomBytes(FILE_BYTES)
  const source = join(dataDir, 'source.bin')
  await writeFile(source, file)
  const binary = { 'content-type': 'application/octet-stream' }
  const uploadName = () => `bench-${randomBytes(8).toString('hex')}.bin`
  await http('6a. upload 1 MB', [
    targets.basalt(
      {
        method: 'POST',
        path: '/',
        headers: { ...key, ...binary },
        body: file,
        setupRequest: (request) => ({
          ...request,
          path: `/_api/rest/v1/storage/bucket/upload-object?bucket=root&fileName=${uploadName()}`,
        }),
      },
      { connections: 10 },
    ),
    targets.parse(
      {
        method: 'POST',
        path: '/parse/files/bench.bin',
        headers: { ...parseKeys, ...binary },
        body: file,
      },
      { connections: 10 },
    ),
  ])
  const copyDir = join(dataDir, 'copies')
  await mkdir(copyDir)
  let copies = 0
  const copy = () => copyFile(source, join(copyDir, `copy-${copies++ % 1000}.bin`))
  console.log('measuring the file copy baseline')
  await measureLoop(copy, { concurrency: 10, seconds: WARMUP_SECONDS })
  const copied = await measureLoop(copy, { concurrency: 10, seconds })
  record('6a. upload 1 MB', 'file copy (baseline)', copied)

  const basaltFile = await fetch(
    `${basalt.url}/_api/rest/v1/storage/bucket/upload-object?bucket=root&fileName=${uploadName()}`,
    { method: 'POST', headers: { ...key, ...binary }, body: file },
  ).then((response) => response.json())
  const parseFile = await fetch(`${parse.url}/parse/files/bench.bin`, {
    method: 'POST',
    headers: { ...parseKeys, ...binary },
    body: file,
  }).then((response) => response.json())
  if (!basaltFile._id || !parseFile.url) {
    throw new Error(`could not upload: ${JSON.stringify(basaltFile)} ${JSON.stringify(parseFile)}`)
  }
  await http('6b. download 1 MB', [
    targets.basalt(
      {
        method: 'POST',
        path: '/_api/rest/v1/storage/bucket/file/download',
        headers: { ...key, ...json },
        body: JSON.stringify({ file: basaltFile._id, bucket: 'root' }),
      },
      { connections: 10 },
    ),
    targets.parse(
      { method: 'GET', path: new URL(parseFile.url).pathname, headers: parseKeys },
      { connections: 10 },
    ),
  ])
  record('6b. download 1 MB', 'file copy (baseline)', copied)

  console.log(`measuring realtime fan-out to ${SOCKETS} sockets`)
  for (const [label, server, auth] of [
    ['Basalt', basalt, { clientKey: basalt.clientKey, echoMessages: true }],
    ['socket.io (baseline)', socketIo, {}],
  ]) {
    const [result, peak] = await withPeakRss(server.pid, async () => {
      const members = await connectMembers(server.url, auth, SOCKETS, 'bench')
      const options = { messages: MESSAGES, intervalMs: 20, timeoutMs: 30_000 }
      await measureFanOut(members, 'bench', { ...options, messages: Math.ceil(MESSAGES / 4) })
      const measured = await measureFanOut(members, 'bench', options)
      for (const socket of members) socket.disconnect()
      return measured
    })
    record(`7. realtime fan-out, ${SOCKETS} sockets`, label, {
      rps: result.perSecond,
      p50: result.p50,
      p99: result.p99,
      failures: result.expected - result.delivered,
      peakKiB: peak,
      unit: 'deliveries/s',
    })
  }

  await http('8a. cache get', [
    targets.basalt({ method: 'GET', path: '/_api/rest/v1/cache?key=bench-key', headers: key }),
  ])
  const redis = new Redis(redisUrl)
  try {
    await redis.set('bench-peers:direct', JSON.stringify({ hello: 'world', n: 42 }))
    const direct = (call) => measureLoop(call, { concurrency: 50, seconds })
    record(
      '8a. cache get',
      'ioredis (baseline)',
      await direct(() => redis.get('bench-peers:direct')),
    )
    await http('8b. cache set', [
      targets.basalt(
        post('/_api/rest/v1/cache', key, () =>
          JSON.stringify({ key: 'bench-set', value: { hello: 'world', n: 42 } }),
        ),
      ),
    ])
    const value = JSON.stringify({ hello: 'world', n: 42 })
    record(
      '8b. cache set',
      'ioredis (baseline)',
      await direct(() => redis.set('bench-peers:direct', value)),
    )
    await redis.del('bench-peers:direct')
  } finally {
    redis.disconnect()
  }

  console.log('\n' + table(rows) + '\n')
  judge('1. get object by id', getById)
  judge('2. list: filter, sort, limit 20', list)
  const createRatio = create.Basalt.rps / create.Parse.rps
  verdicts.push(
    verdict(
      `3. create object: Basalt ÷ Parse ${createRatio.toFixed(2)}x`,
      createRatio >= 2,
      '≥ 2x',
    ),
  )
  const failures = rows.reduce((sum, row) => sum + row.result.failures, 0)
  verdicts.push(verdict(`failed requests: ${failures}`, failures === 0, '0'))
  for (const line of verdicts) console.log(line)
  const scenarios = new Set(rows.map((row) => row.scenario.split('.')[0].replace(/[ab]$/, '')))
  console.log(`\n${scenarios.size} scenarios, ${rows.length} rows, ${failures} failed requests`)
  await shutdown(failures === 0 ? 0 : 1)
} catch (error) {
  console.error(error)
  await shutdown(1)
}

/** Keeps one row of the table; a target that completed nothing counts as one failure. */
function record(scenario, target, result) {
  const failures = result.failures + (result.rps > 0 ? 0 : 1)
  rows.push({ scenario, target, result: { ...result, failures } })
}

function verdict(text, pass, target) {
  return `${pass ? 'PASS' : 'MISS'} ${text} (target ${target})`
}

/** The read targets: ≥ 2x Parse and ≥ 0.7x the bare baseline. */
function judge(scenario, results) {
  const parse = results.Basalt.rps / results.Parse.rps
  const bare = results.Basalt.rps / results['Fastify + pg'].rps
  verdicts.push(verdict(`${scenario}: Basalt ÷ Parse ${parse.toFixed(2)}x`, parse >= 2, '≥ 2x'))
  verdicts.push(
    verdict(`${scenario}: Basalt ÷ Fastify + pg ${bare.toFixed(2)}x`, bare >= 0.7, '≥ 0.7x'),
  )
}

/** The Markdown table: one row per scenario and target, ratios on Basalt's rows. */
function table(all) {
  const header = [
    'scenario',
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'peak RSS MiB',
    'Basalt ÷ Parse',
    'Basalt ÷ baseline',
  ]
  const right = [false, false, true, true, true, true, true, true, true]
  const fixed = (n, digits) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits))
  const lines = all.map(({ scenario, target, result }) => {
    const same = all.filter((row) => row.scenario === scenario)
    const parse = same.find((row) => row.target === 'Parse')
    const base = same.find((row) => row.target !== 'Basalt' && row.target !== 'Parse')
    const ratio = (other) =>
      target !== 'Basalt' ? '' : other ? `${(result.rps / other.result.rps).toFixed(2)}x` : 'n/a'
    return [
      scenario,
      target,
      `${Math.round(result.rps)}${result.unit ? ` ${result.unit}` : ''}`,
      fixed(result.p50, 1),
      fixed(result.p99, 1),
      String(result.failures),
      fixed(result.peakKiB / 1024, 0),
      ratio(parse),
      ratio(base),
    ]
  })
  const cells = [header, ...lines]
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  const line = (row) =>
    `| ${row.map((cell, i) => (right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`
  const rule = widths.map((w, i) => '-'.repeat(w - 1) + (right[i] ? ':' : '-'))
  return [line(header), `| ${rule.join(' | ')} |`, ...lines.map(line)].join('\n')
}
