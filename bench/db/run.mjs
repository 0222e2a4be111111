// Benchmark: reads through Basalt's database API over 100,000 rows — one object by id, and a
// filtered, sorted page of 20 — against a bare Fastify + `pg` server running the equivalent SQL
// on the same PostgreSQL, in the same run.
// Usage: node bench/db/run.mjs [--quick] [--duration N] [--profile]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { once } from 'node:events'
import { chmod, mkdtemp, readFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchFrame, startServer } from '../health-overhead/lib.mjs'
import { CONNECTIONS, markdownTable, measureInTurn } from './load.mjs'
import { ROWS, basaltGetBody, basaltListBody, randomCategory, randomMaxPrice } from './products.mjs'

const TARGET = 0.7
const WARMUP_SECONDS = 2
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
})
const seconds = flags.duration ? Number(flags.duration) : flags.quick ? 3 : 10
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
  console.error('--duration expects whole seconds from 1 to 120')
  process.exit(2)
}
// The statements alone, without HTTP: a shorter look, 4 statements.
const sqlSeconds = flags.quick ? 1 : 3

const { dataDir, track, shutdown } = await benchFrame(
  'basalt-bench-db-',
  120_000 + 4 * (WARMUP_SECONDS + seconds + 5) * 1000 + 4 * sqlSeconds * 1000,
)

/** Asks the Basalt child for something and waits for its answer. */
async function ask(server, message) {
  server.child.send(message)
  const [answer] = await once(server.child, 'message')
  if (answer.type === 'error') throw new Error(`Basalt server: ${answer.message}`)
  return answer
}

async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  if (response.status !== 200)
    throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A row as both servers answer it, timestamps as instants (`Z` against `+00:00`). */
function normalized(row) {
  if (row === null) return null
  const { createdAt, updatedAt, ...rest } = row
  const keys = Object.keys(rest).sort()
  const time = (value) => new Date(value).getTime()
  return JSON.stringify([keys.map((k) => [k, rest[k]]), time(createdAt), time(updatedAt)])
}

/** Both servers answer the same objects (prices in the same order) before anything is timed. */
async function checkAnswers(basalt, bare, ids) {
  const key = { 'x-client-key': basalt.clientKey }
  for (const id of ids.slice(0, 5)) {
    const a = await post(`${basalt.url}/_api/rest/v1/db/object/get`, basaltGetBody(id), key)
    const b = await post(`${bare.url}/products/get`, JSON.stringify({ id }))
    if (normalized(a) !== normalized(b)) throw new Error(`object ${id} differs between servers`)
  }
  for (let i = 0; i < 5; i++) {
    const category = randomCategory()
    const maxPrice = randomMaxPrice()
    const a = await post(
      `${basalt.url}/_api/rest/v1/db/get-list`,
      basaltListBody(category, maxPrice),
      key,
    )
    const b = await post(`${bare.url}/products/list`, JSON.stringify({ category, maxPrice }))
    const prices = (rows) => rows.map((row) => row.price).join()
    if (a.length !== 20 || prices(a) !== prices(b)) {
      throw new Error(`list ${category} < ${maxPrice} differs between servers`)
    }
  }
}

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
      `load average (1 min) ${loadavg()[0].toFixed(1)}`,
  )
  const profileDir = flags.profile ? await mkdtemp(join(tmpdir(), 'basalt-bench-db-prof-')) : ''
  if (profileDir) await chmod(profileDir, 0o755)
  const started = performance.now()
  const basalt = track(
    await startServer(
      '../db/serve-basalt.mjs',
      { dataDir, databaseUrl: process.env.DATABASE_URL || undefined },
      { execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
    ),
  )
  const seeded = basalt.seeded.reused
    ? 'reused'
    : `seeded in ${(basalt.seeded.ms / 1000).toFixed(1)} s`
  console.log(
    `Basalt up with ${ROWS} products (${seeded}) after ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (temporary folder)'}`,
  )
  const bare = track(await startServer('../db/serve-bare.mjs', { databaseUrl: basalt.databaseUrl }))
  // The embedded PostgreSQL's postmaster, whose backends' CPU time is counted per request.
  const postgresPid = process.env.DATABASE_URL
    ? undefined
    : Number(
        (await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split(
          '\n',
        )[0],
      ) || undefined
  await checkAnswers(basalt, bare, basalt.ids)
  console.log('both servers answer the same objects')

  const plans = await ask(basalt, { type: 'explain' })
  console.log(
    `\nBasalt's list statement (params ${JSON.stringify(plans.params)}):\n${plans.basaltSql}`,
  )
  console.log(`\nEXPLAIN ANALYZE, Basalt's list statement:\n${plans.basalt}`)
  console.log(`\nEXPLAIN ANALYZE, bare list statement:\n${plans.bare}\n`)

  const ids = basalt.ids
  const randomId = () => ids[Math.floor(Math.random() * ids.length)]
  // The bare server gets the same header, so that both parse the same request head.
  const headers = { 'x-client-key': basalt.clientKey }
  const scenarios = [
    {
      name: 'get by id',
      bare: { path: '/products/get', body: () => JSON.stringify({ id: randomId() }) },
      basalt: { path: '/_api/rest/v1/db/object/get', body: () => basaltGetBody(randomId()) },
    },
    {
      name: 'list 20, filtered, sorted',
      bare: {
        path: '/products/list',
        body: () => JSON.stringify({ category: randomCategory(), maxPrice: randomMaxPrice() }),
      },
      basalt: {
        path: '/_api/rest/v1/db/get-list',
        body: () => basaltListBody(randomCategory(), randomMaxPrice()),
      },
    },
  ]
  console.log(
    `${seconds} s per server and scenario in ${Math.max(1, Math.round(seconds / 2))} slices taken ` +
      `in turn, after ${WARMUP_SECONDS} s warm-up; ${CONNECTIONS} connections, pipelining 1`,
  )
  const rows = []
  let failed = false
  for (const scenario of scenarios) {
    console.log(`measuring ${scenario.name}: bare Fastify + pg, Basalt`)
    const targets = [
      { url: bare.url, pid: bare.pid, headers, ...scenario.bare },
      { url: basalt.url, pid: basalt.pid, headers, ...scenario.basalt },
    ]
    const [base, measured] = await measureInTurn(targets, {
      warmupSeconds: WARMUP_SECONDS,
      seconds,
      postgresPid,
    })
    for (const [label, r] of [
      ['bare Fastify + pg', base],
      ['Basalt', measured],
    ]) {
      if (r.errors || r.timeouts || r.unexpected) failed = true
      // Judged as printed (two decimals), so that the table reads consistently.
      const ratio = Number((r.rps / base.rps).toFixed(2))
      const isBase = r === base
      rows.push([
        scenario.name,
        label,
        Math.round(r.rps),
        r.p50,
        r.p99,
        r.cpuUs === undefined ? '-' : r.cpuUs.toFixed(0),
        r.pgCpuUs === undefined ? '-' : r.pgCpuUs.toFixed(0),
        r.unexpected + r.errors + r.timeouts,
        isBase ? 'baseline' : `${ratio.toFixed(2)}x`,
        isBase ? '' : ratio >= TARGET ? 'PASS' : 'MISS',
      ])
    }
  }
  console.log(
    `timing the four statements alone on Basalt's pool, ${sqlSeconds} s each in 1 s slices taken in turn`,
  )
  const { results: sql } = await ask(basalt, {
    type: 'sql',
    seconds: sqlSeconds,
    concurrency: CONNECTIONS,
    postgresPid,
  })

  console.log()
  console.log(
    markdownTable(
      [
        'scenario',
        'server',
        'req/s',
        'p50 ms',
        'p99 ms',
        'server CPU µs/req',
        'PostgreSQL CPU µs/req',
        'failed',
        'Basalt ÷ bare',
        'target',
      ],
      rows,
      [false, false, true, true, true, true, true, true, true, false],
    ),
  )
  console.log(`\nBasalt ÷ bare = req/s ratio, target ≥ ${TARGET}x (PASS/MISS per scenario);`)
  console.log(
    'server CPU = user + system time of the server process; PostgreSQL CPU = that of the ' +
      'postmaster and its backends (embedded PostgreSQL only), over the measured slices.',
  )
  console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)}\n`)
  console.log(
    markdownTable(
      ['statement alone', 'SQL', 'statements/s', 'PostgreSQL CPU µs/statement'],
      sql.map((s) => [
        s.scenario,
        s.label,
        Math.round(s.perSecond),
        s.pgCpuUs === undefined ? '-' : s.pgCpuUs.toFixed(0),
      ]),
      [false, false, true, true],
    ),
  )
  if (profileDir) console.log(`\nCPU profile of the Basalt process: ${profileDir} (at exit)`)
  if (failed) console.error('some requests failed, timed out or answered another status than 200')
  await shutdown(failed ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
