// The filtered list of the peers benchmark, measured by CPU rather than by throughput: Basalt
// (optionally under --cpu-prof) and the bare Fastify + pg server, each loaded in turn with the
// list workload; prints per target the requests, the server's CPU µs per request and the CPU µs
// per request of its PostgreSQL backends (found through pg_stat_activity), so that the figures
// hold on a busy machine where req/s ratios do not.
// Usage: node bench/peers/profile-list.mjs [--seconds N] [--slices N] [--profile DIR] [--only basalt]
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { readFileSync } from 'node:fs'
import { cpuTimeMs } from '../db/cpu.mjs'
import { benchFrame, startServer } from '../health-overhead/lib.mjs'
import { ROWS, basaltListBody, randomCategory, randomMaxPrice } from './workload.mjs'

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    slices: { type: 'string', default: '3' },
    profile: { type: 'string' },
    only: { type: 'string' },
    connections: { type: 'string', default: '50' },
  },
})
const seconds = Number(flags.seconds)
const slices = Number(flags.slices)
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const require = createRequire(import.meta.resolve('@basalt/server'))
const pg = require('pg')

const { dataDir, track, shutdown } = await benchFrame('basalt-profile-list-', 600_000)
const suffix = randomBytes(4).toString('hex')
const names = ['basalt', 'bare'].map((n) => `bench_plist_${n}_${suffix}`)
const urlOf = (name) => {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}
async function admin(sqls) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const out = []
    for (const sql of sqls) out.push(await client.query(sql))
    return out
  } finally {
    await client.end()
  }
}
track({
  stop: async () => {
    await admin(names.map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)).catch(() => {})
    return true
  },
})

/** CPU ms of each PostgreSQL backend serving a database, by pid. */
async function backendCpu(database) {
  const [result] = await admin([
    `SELECT pid FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
  ])
  const each = new Map()
  for (const { pid } of result.rows) {
    const ms = cpuTimeMs(pid)
    if (!Number.isNaN(ms)) each.set(pid, ms)
  }
  return each
}

/** User and system CPU ms of a process. */
function userSys(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return [Number(fields[11]) * 10, Number(fields[12]) * 10]
}
/** CPU ms the backends spent since `before` (backends that ended meanwhile drop out). */
const since = (before, after) => {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

try {
  await admin(names.map((n) => `CREATE DATABASE ${n}`))
  const execArgv = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${flags.profile}`] : []
  const basalt = track(
    await startServer(
      '../peers/serve-basalt.mjs',
      { dataDir, databaseUrl: urlOf(names[0]), redisUrl, rows: ROWS },
      { quiet: true, execArgv },
    ),
  )
  const bare = track(
    await startServer(
      '../peers/serve-bare.mjs',
      { databaseUrl: urlOf(names[1]), rows: ROWS },
      { execArgv },
    ),
  )
  const targets = [
    {
      label: 'Basalt',
      server: basalt,
      database: names[0],
      request: {
        method: 'POST',
        path: '/_api/rest/v1/db/get-list',
        headers: { 'content-type': 'application/json', 'x-client-key': basalt.clientKey },
        setupRequest: (r) => ({ ...r, body: basaltListBody(randomCategory(), randomMaxPrice()) }),
      },
    },
    {
      label: 'Fastify + pg',
      server: bare,
      database: names[1],
      request: {
        method: 'POST',
        path: '/items/list',
        headers: { 'content-type': 'application/json' },
        setupRequest: (r) => ({
          ...r,
          body: JSON.stringify({ category: randomCategory(), maxPrice: randomMaxPrice() }),
        }),
      },
    },
  ].filter((t) => !flags.only || t.label.toLowerCase().startsWith(flags.only))
  const load = (target, duration) =>
    autocannon({
      url: target.server.url,
      requests: [target.request],
      connections: Number(flags.connections),
      pipelining: 1,
      duration,
    })
  for (const target of targets) await load(target, 2)
  const totals = targets.map(() => ({ requests: 0, cpu: 0, user: 0, pg: 0, elapsed: 0, bad: 0 }))
  for (let slice = 0; slice < slices; slice++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]
      const cpu0 = cpuTimeMs(target.server.pid)
      const us0 = userSys(target.server.pid)
      const pg0 = await backendCpu(target.database)
      const result = await load(target, seconds)
      const cpu1 = cpuTimeMs(target.server.pid)
      const us1 = userSys(target.server.pid)
      totals[i].user += us1[0] - us0[0]
      const pg1 = await backendCpu(target.database)
      totals[i].requests += result.requests.total
      totals[i].elapsed += result.duration
      totals[i].cpu += cpu1 - cpu0
      totals[i].pg += since(pg0, pg1)
      totals[i].bad += result.errors + result.timeouts + result.non2xx
    }
  }
  console.log(
    '| target | requests | req/s | server CPU µs/req | of which user | PostgreSQL CPU µs/req | failed |',
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  targets.forEach((t, i) => {
    const s = totals[i]
    console.log(
      `| ${t.label} | ${s.requests} | ${Math.round(s.requests / s.elapsed)} | ` +
        `${Math.round((s.cpu * 1000) / s.requests)} | ${Math.round((s.user * 1000) / s.requests)} | ${Math.round((s.pg * 1000) / s.requests)} | ${s.bad} |`,
    )
  })
  await shutdown(0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
