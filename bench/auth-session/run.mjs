// Benchmark: what a session check costs on an authenticated request, and sign-in throughput.
// Usage: node bench/auth-session/run.mjs [--quick] [--duration N]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { once } from 'node:events'
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { benchFrame, measureInTurn, startServer } from '../health-overhead/lib.mjs'

const TARGET = 1.2
const WARMUP_SECONDS = 2
const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, duration: { type: 'string' } },
})
const seconds = flags.duration ? Number(flags.duration) : flags.quick ? 3 : 10
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) {
  console.error('--duration expects whole seconds from 1 to 120')
  process.exit(2)
}

const { dataDir, track, shutdown } = await benchFrame(
  'basalt-bench-auth-',
  120_000 + 6 * (WARMUP_SECONDS + seconds + 5) * 1000,
)
let server

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()})`,
  )
  server = track(
    await startServer('../auth-session/serve-auth.mjs', {
      dataDir,
      databaseUrl: process.env.DATABASE_URL || undefined,
    }),
  )
  const key = { 'x-client-key': server.clientKey }
  const measure = (targets, expected) =>
    measureInTurn(targets, { path: '/', expected, warmupSeconds: WARMUP_SECONDS, seconds })
  const target = (extra) => ({ url: server.url, pid: server.pid, ...extra })

  console.log('measuring a probe route without and with a session')
  const probe = '/_api/rest/v1/bench/probe'
  const [anonymous, authenticated] = await measure(
    [
      target({ path: probe, headers: key }),
      target({ path: probe, headers: { ...key, session: server.sessionToken } }),
    ],
    200,
  )
  console.log('measuring GET /auth/user (session check and the user read from the database)')
  const [user] = await measure(
    [
      target({
        path: '/_api/rest/v1/auth/user',
        headers: { ...key, session: server.sessionToken },
      }),
    ],
    200,
  )
  console.log('measuring sign-in, then raw argon2id verifications in the server process')
  const body = JSON.stringify({ email: server.email, password: server.password })
  const [signIn] = await measure(
    [
      target({
        path: '/_api/rest/v1/auth/signin-email',
        method: 'POST',
        body,
        headers: { ...key, 'content-type': 'application/json' },
      }),
    ],
    200,
  )
  server.child.send({ type: 'argon2', seconds, concurrency: 50 })
  const [{ perSecond: argon2 }] = await once(server.child, 'message')

  const rows = [
    ['probe, no session', anonymous, 'baseline'],
    ['probe, with session', authenticated, ratio(anonymous.rps, authenticated.rps, TARGET)],
    ['GET /auth/user', user, ''],
    ['sign-in (email)', signIn, `${((signIn.rps / argon2) * 100).toFixed(0)} % of raw argon2id`],
    ['raw argon2id verify', { rps: argon2 }, 'baseline of sign-in'],
  ]
  console.log('\n' + markdown(rows))
  const failed = [anonymous, authenticated, user, signIn].some(
    (r) => r.errors || r.timeouts || r.unexpected,
  )
  await shutdown(failed ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}

function ratio(base, value, target) {
  const factor = base / value
  return `${factor.toFixed(2)}x ${factor <= target ? 'PASS' : 'MISS'} (target ≤ ${target}x)`
}

function markdown(rows) {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'bad', 'errors', 'ratio']
  const lines = rows.map(([name, r, note]) => [
    name,
    Math.round(r.rps),
    r.p50 ?? '',
    r.p99 ?? '',
    r.cpuUs === undefined ? '' : Math.round(r.cpuUs),
    r.unexpected ?? '',
    r.errors === undefined ? '' : r.errors + r.timeouts,
    note,
  ])
  const all = [head, ...lines].map((row) => row.map(String))
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i].length)))
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
  return [
    line(all[0]),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...all.slice(1).map(line),
  ].join('\n')
}
