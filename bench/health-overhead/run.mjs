// Benchmark: Basalt's per-request overhead against bare Fastify, both measured in this run.
// Usage: node bench/health-overhead/run.mjs [--quick] [--duration N] [--profile]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { measureInTurn, startServer, stopOrphanPostgres, table } from './lib.mjs'

const TARGET = 1.3
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

const SCENARIOS = [
  { name: 'health', path: '/_api/health', expected: 200 },
  { name: 'rest 404 + key', path: '/_api/rest/v1/bench-unknown', expected: 404, clientKey: true },
]
const BASALT_ROWS = [
  { label: 'Basalt (warn)', logLevel: 'warn', quiet: false },
  { label: 'Basalt (info)', logLevel: 'info', quiet: true },
]

const externalUrl = process.env.DATABASE_URL || undefined
const dataDir = await mkdtemp(join(tmpdir(), 'basalt-bench-'))
// As root, the embedded PostgreSQL runs as the `postgres` user, which must enter the folder.
await chmod(dataDir, 0o755)
const profileDir = flags.profile ? join(dataDir, 'profiles') : undefined
const servers = []
let basaltOwner
let cleaning

async function cleanup() {
  // The Basalt server that owns the embedded PostgreSQL stops last.
  for (const server of [...servers].reverse()) {
    const clean = await server.stop()
    if (!clean && server === basaltOwner && !externalUrl) await stopOrphanPostgres(dataDir)
  }
  if (!profileDir) await rm(dataDir, { recursive: true, force: true })
}
const shutdown = (code) => (cleaning ??= cleanup().finally(() => process.exit(code)))
process.on('SIGINT', () => shutdown(130)).on('SIGTERM', () => shutdown(143))
// Bound on the whole run: start-up, six measured runs with warm-up, shutdown.
const deadlineMs = 120_000 + 6 * (WARMUP_SECONDS + seconds + 5) * 1000
setTimeout(() => {
  console.error(`the run took over ${deadlineMs / 1000} s; stopping`)
  void shutdown(1)
}, deadlineMs).unref()

try {
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU'
  console.log(`Node ${process.version}, ${availableParallelism()} cores (${cpuModel})`)
  console.log(
    `database: ${externalUrl ? 'DATABASE_URL' : 'embedded PostgreSQL (temporary data folder)'}; ` +
      `${seconds} s per server in ${Math.max(1, Math.round(seconds / 2))} slices taken in turn, ` +
      `after ${WARMUP_SECONDS} s warm-up; 50 connections, pipelining 1`,
  )
  const basalt = []
  for (const row of BASALT_ROWS) {
    const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    const options = {
      logLevel: row.logLevel,
      dataDir,
      databaseUrl: basalt[0]?.databaseUrl ?? externalUrl,
    }
    const server = await startServer('./serve-basalt.mjs', options, { quiet: row.quiet, execArgv })
    servers.push(server)
    basaltOwner ??= server
    basalt.push({ ...server, label: row.label })
  }
  const bare = await startServer('./serve-bare.mjs', { databaseUrl: basalt[0].databaseUrl })
  servers.push(bare)

  const rows = []
  let failed = false
  const ratio = (value) => `${value.toFixed(2)}x`
  for (const scenario of SCENARIOS) {
    console.log(
      `measuring ${scenario.name}: bare Fastify, ${basalt.map((b) => b.label).join(', ')}`,
    )
    const targets = [bare, ...basalt].map((server) => ({
      url: server.url,
      pid: server.pid,
      // The bare server gets the same header, so that both parse the same request.
      headers: scenario.clientKey
        ? { 'x-client-key': server.clientKey ?? basalt[0].clientKey }
        : {},
    }))
    const settings = { ...scenario, warmupSeconds: WARMUP_SECONDS, seconds }
    const [baseline, ...measured] = await measureInTurn(targets, settings)
    const labels = ['bare Fastify', ...basalt.map((b) => b.label)]
    for (const [i, r] of [baseline, ...measured].entries()) {
      if (r.errors || r.timeouts || r.unexpected) failed = true
      // Judged as printed (two decimals), so that the table reads consistently.
      const overhead = Number((baseline.rps / r.rps).toFixed(2))
      const cpu = r.cpuUs === undefined ? '-' : r.cpuUs.toFixed(0)
      rows.push([
        scenario.name,
        labels[i],
        Math.round(r.rps),
        r.p50,
        r.p99,
        cpu,
        r.unexpected,
        r.errors + r.timeouts,
        i === 0 ? 'baseline' : ratio(overhead),
        i === 0 || r.cpuUs === undefined ? '' : ratio(r.cpuUs / baseline.cpuUs),
        i === 0 ? '' : overhead <= TARGET ? 'PASS' : 'MISS',
      ])
    }
  }
  console.log()
  console.log(table(rows))
  console.log()
  console.log(`overhead = bare req/s ÷ Basalt req/s, target ≤ ${TARGET}x (PASS/MISS per row);`)
  console.log('CPU ratio = Basalt CPU µs/req ÷ bare CPU µs/req (server process only).')
  if (profileDir) console.log(`CPU profiles: ${profileDir} (remove ${dataDir} afterwards)`)
  if (failed) console.error('some requests failed, timed out or answered an unexpected status')
  await shutdown(failed ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
