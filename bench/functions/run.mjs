// Benchmark of app functions: the overhead of a Basalt endpoint (a handler returning a constant)
// against the same handler in bare Fastify, in the same run; then a queue end to end — M
// messages submitted through the REST API, run by a handler that returns at once — in messages/s
// and latency from submit to completed.
// Usage: node bench/functions/run.mjs [--quick] [--duration N] [--messages M] [--profile]
//   [--endpoint-only]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { chmod, mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchFrame, measureInTurn, startServer } from '../health-overhead/lib.mjs'
import { markdownTable } from '../db/load.mjs'
import { writeApp } from './app.mjs'

const TARGET = 0.8
const WARMUP_SECONDS = 2
const CONCURRENCY = 10
// Requests in flight while submitting (each one POST /queue).
const SUBMITTERS = 20
const WARMUP_MESSAGES = 50
const QUEUE_TIMEOUT_MS = 60_000
// Then a queue that keeps up: one message every 100 ms.
const PACED_MESSAGES = 30
const PACED_INTERVAL_MS = 100

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    messages: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'endpoint-only': { type: 'boolean', default: false },
  },
})
const seconds = flags.duration ? Number(flags.duration) : flags.quick ? 3 : 10
const messages = flags.messages ? Number(flags.messages) : flags.quick ? 300 : 2000
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
  console.error('--duration expects whole seconds from 1 to 120')
  process.exit(2)
}
if (!Number.isInteger(messages) || messages < 1 || messages > 20_000) {
  console.error('--messages expects a whole number from 1 to 20000')
  process.exit(2)
}

const { dataDir, track, shutdown } = await benchFrame(
  'basalt-bench-functions-',
  150_000 + 3 * (WARMUP_SECONDS + seconds + 5) * 1000 + QUEUE_TIMEOUT_MS,
)
const require = createRequire(import.meta.resolve('@basalt/server'))
const pg = require('pg')

async function request(url, { method = 'GET', body, headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json', ...headers } : headers,
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${method} ${url}: ${response.status} ${text}`)
  return JSON.parse(text)
}

/** Basalt against bare Fastify on GET /hello: rows of the table, and whether any failed. */
async function endpointOverhead(appDir, profileDir) {
  // --profile: a CPU profile of each server, written at exit, named with its pid.
  const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const basalt = track(
    await startServer(
      '../functions/serve-basalt.mjs',
      { dataDir, appDir, databaseUrl: process.env.DATABASE_URL || undefined },
      { execArgv },
    ),
  )
  const bare = track(await startServer('../functions/serve-bare.mjs', { appDir }, { execArgv }))
  if (profileDir) console.log(`profiling: Basalt pid ${basalt.pid}, bare pid ${bare.pid}`)
  const a = await request(`${basalt.url}/hello`)
  const b = await request(`${bare.url}/hello`)
  if (JSON.stringify(a) !== JSON.stringify(b) || a.hello !== 'world') {
    throw new Error(`the servers answer differently: ${JSON.stringify(a)} / ${JSON.stringify(b)}`)
  }
  console.log(`both servers answer GET /hello with ${JSON.stringify(a)}`)
  console.log(
    `measuring GET /hello: ${seconds} s per server in ${Math.max(1, Math.round(seconds / 2))} ` +
      `slices taken in turn, after ${WARMUP_SECONDS} s warm-up; 50 connections, pipelining 1`,
  )
  // A third target, for reference: an undeclared path on the same Basalt (its JSON 404
  // `resource_not_found`), that is the request pipeline without the endpoint layer.
  const notFound = await fetch(`${basalt.url}/no-such-endpoint`)
  if (notFound.status !== 404) throw new Error(`undeclared path: ${notFound.status}`)
  const [base, measured, undeclared] = await measureInTurn(
    [
      { url: bare.url, pid: bare.pid },
      { url: basalt.url, pid: basalt.pid },
      { url: basalt.url, pid: basalt.pid, path: '/no-such-endpoint' },
    ],
    { path: '/hello', expected: 200, warmupSeconds: WARMUP_SECONDS, seconds },
  )
  await bare.stop()
  await basalt.stop()
  const ratio = Number((measured.rps / base.rps).toFixed(2))
  const failed = [base, measured].some((r) => r.errors || r.timeouts || r.unexpected)
  // The 404s count as `unexpected` there: only errors and timeouts are failures.
  undeclared.unexpected = 0
  const rows = [
    ['GET /hello', 'bare Fastify', base, 'baseline', ''],
    ['GET /hello', 'Basalt', measured, `${ratio.toFixed(2)}x`, ratio >= TARGET ? 'PASS' : 'MISS'],
    [
      'GET /no-such-endpoint (404)',
      'Basalt',
      undeclared,
      `${(undeclared.rps / base.rps).toFixed(2)}x`,
      'reference',
    ],
  ].map(([scenario, label, r, shown, verdict]) => [
    scenario,
    label,
    Math.round(r.rps),
    r.p50,
    r.p99,
    r.cpuUs === undefined ? '-' : r.cpuUs.toFixed(0),
    r.unexpected + r.errors + r.timeouts,
    shown,
    verdict,
  ])
  return { rows, failed }
}

/** Submits `count` messages with SUBMITTERS requests in flight; answers their ids. */
async function submitAll(basalt, count, tag) {
  const headers = { 'x-client-key': basalt.clientKey }
  const ids = []
  let next = 0
  const submitter = async () => {
    while (next < count) {
      const n = next++
      const info = await request(`${basalt.url}/_api/rest/v1/queue`, {
        method: 'POST',
        headers,
        body: { queueNameOrId: 'bench', message: { n, tag } },
      })
      ids.push(info.messageId)
    }
  }
  await Promise.all(Array.from({ length: SUBMITTERS }, submitter))
  return ids
}

/** Polls basalt.queue_messages until every message of `ids` is completed or failed. */
async function waitDone(client, ids) {
  const until = Date.now() + QUEUE_TIMEOUT_MS
  for (;;) {
    const {
      rows: [row],
    } = await client.query(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'errors')::int AS failed
         FROM basalt.queue_messages WHERE id = ANY($1)`,
      [ids],
    )
    if (row.completed + row.failed === ids.length) return row
    if (Date.now() > until) throw new Error(`queue not done in time: ${JSON.stringify(row)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Submits one message every PACED_INTERVAL_MS, without waiting for the previous one. */
async function submitPaced(basalt, count) {
  const pending = []
  for (let n = 0; n < count; n++) {
    pending.push(submitAll(basalt, 1, 'paced'))
    await new Promise((resolve) => setTimeout(resolve, PACED_INTERVAL_MS))
  }
  return (await Promise.all(pending)).flat()
}

/**
 * Submits a batch with `submit`, waits until every message is done and reads the figures from
 * the status rows: the cells of a table row, and the number of failed messages.
 */
async function measureBatch(basalt, client, submit) {
  const started = performance.now()
  const ids = await submit()
  const submitMs = performance.now() - started
  const done = await waitDone(client, ids)
  const wallMs = performance.now() - started
  const {
    rows: [stats],
  } = await client.query(
    `WITH m AS (
       SELECT submitted_at, started_at, completed_at,
              extract(epoch FROM completed_at - submitted_at) * 1000 AS total_ms,
              extract(epoch FROM started_at - submitted_at) * 1000 AS wait_ms
         FROM basalt.queue_messages WHERE id = ANY($1) AND status = 'completed')
     SELECT count(*)::int AS n,
            extract(epoch FROM max(completed_at) - min(submitted_at)) * 1000 AS span_ms,
            extract(epoch FROM max(completed_at) - min(started_at)) * 1000 AS work_ms,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY total_ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY total_ms) AS p99,
            max(total_ms) AS max,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_ms) AS wait_p50
       FROM m`,
    [ids],
  )
  // The statuses as a client reads them, for the first and the last message.
  for (const id of [ids[0], ids.at(-1)]) {
    const info = await request(`${basalt.url}/_api/rest/v1/queue/${id}`, {
      headers: { 'x-client-key': basalt.clientKey },
    })
    if (info.status !== 'completed' || !info.submittedAt || !info.completedAt) {
      throw new Error(`message ${id}: ${JSON.stringify(info)}`)
    }
  }
  const round = (ms) => Number(ms).toFixed(0)
  const cells = [
    CONCURRENCY,
    Math.round(ids.length / (submitMs / 1000)),
    Math.round(stats.n / (stats.span_ms / 1000)),
    Math.round(done.completed / (wallMs / 1000)),
    Math.round(stats.n / (stats.work_ms / 1000)),
    round(stats.p50),
    round(stats.p99),
    round(stats.max),
    round(stats.wait_p50),
    done.failed,
  ]
  return { cells, failed: done.failed }
}

/** M messages through the queue `bench`, end to end. */
async function queueThroughput(appDir) {
  const basalt = track(
    // Quiet: pg-boss logs a warning per pooled connection when PostgreSQL stops at close.
    await startServer(
      '../functions/serve-basalt.mjs',
      {
        dataDir,
        appDir,
        concurrency: CONCURRENCY,
        databaseUrl: process.env.DATABASE_URL || undefined,
      },
      { quiet: true },
    ),
  )
  const client = new pg.Client({ connectionString: basalt.databaseUrl })
  await client.connect()
  try {
    // Warm-up: the handler module loaded, workers and statements running.
    await waitDone(client, await submitAll(basalt, WARMUP_MESSAGES, 'warm-up'))
    console.log(
      `measuring the queue: ${messages} messages submitted through POST /_api/rest/v1/queue ` +
        `(${SUBMITTERS} in flight), concurrency ${CONCURRENCY}, ` +
        `after ${WARMUP_MESSAGES} warm-up messages`,
    )
    const burst = await measureBatch(basalt, client, () => submitAll(basalt, messages, 'burst'))
    console.log(
      `then ${PACED_MESSAGES} messages paced at ${1000 / PACED_INTERVAL_MS}/s (one POST every ` +
        `${PACED_INTERVAL_MS} ms): the latency of a queue that keeps up`,
    )
    const paced = await measureBatch(basalt, client, () => submitPaced(basalt, PACED_MESSAGES))
    const rows = [
      [`burst (${SUBMITTERS} in flight)`, messages, ...burst.cells],
      [`paced (${1000 / PACED_INTERVAL_MS}/s)`, PACED_MESSAGES, ...paced.cells],
    ]
    return { rows, failed: burst.failed + paced.failed > 0 }
  } finally {
    await client.end()
    await basalt.stop()
  }
}

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
      `load average (1 min) ${loadavg()[0].toFixed(1)}`,
  )
  const appDir = join(dataDir, 'app')
  await writeApp(appDir)
  const profileDir = flags.profile
    ? await mkdtemp(join(tmpdir(), 'basalt-bench-functions-prof-'))
    : ''
  if (profileDir) await chmod(profileDir, 0o755)

  const endpoint = await endpointOverhead(appDir, profileDir)
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
        'failed',
        'Basalt ÷ bare',
        'target',
      ],
      endpoint.rows,
      [false, false, true, true, true, true, true, true, false],
    ),
  )
  console.log(`\nBasalt ÷ bare = req/s ratio, target ≥ ${TARGET}x`)
  if (profileDir) console.log(`CPU profiles (*.<pid>.*.cpuprofile): ${profileDir}`)
  console.log()
  if (flags['endpoint-only']) {
    console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)}`)
    await shutdown(endpoint.failed ? 1 : 0)
  }

  const queue = await queueThroughput(appDir)
  console.log()
  console.log(
    markdownTable(
      [
        'submitted',
        'messages',
        'concurrency',
        'submitted/s',
        'messages/s (first submit → last completed)',
        'messages/s (wall clock)',
        'messages/s (first started → last completed)',
        'submit → completed p50 ms',
        'p99 ms',
        'max ms',
        'submit → started p50 ms',
        'failed',
      ],
      queue.rows,
      [false, true, true, true, true, true, true, true, true, true, true, true],
    ),
  )
  console.log(
    '\nmessages/s = messages ÷ time from the first submittedAt to the last completedAt (status ' +
      'rows); wall clock = from the first POST to the poll that saw all completed; first started ' +
      '→ last completed = the workers alone, once the first message was fetched.',
  )
  console.log(`load average (1 min) at the end: ${loadavg()[0].toFixed(1)}`)
  const failed = endpoint.failed || queue.failed
  if (failed) console.error('some requests or messages failed')
  await shutdown(failed ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
