// Helpers of run.mjs: server child processes, measurements taken in turn, the table.
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const READY_TIMEOUT_MS = 90_000
const STOP_TIMEOUT_MS = 20_000
// USER_HZ, 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100

/**
 * Forks a server script (its own process group, so that Ctrl-C reaches the parent only and the
 * parent stops it in order) and waits for its ready message. `quiet` sends its stdout (where
 * Basalt's pino logs go) to /dev/null.
 */
export function startServer(script, options, { quiet = false, execArgv = [] } = {}) {
  // Options go through the environment, so that no database password shows in `ps`.
  const child = fork(new URL(script, import.meta.url), [], {
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
    detached: true,
    execArgv,
  })
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  )
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return true
    child.kill('SIGTERM')
    const timer = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS, 'timeout'))
    if ((await Promise.race([exited, timer])) !== 'timeout') return true
    child.kill('SIGKILL')
    return false
  }
  return new Promise((resolve, reject) => {
    const fail = (reason) => {
      clearTimeout(timer)
      void stop()
      reject(new Error(`${script}: ${reason}`))
    }
    const timer = setTimeout(() => fail('not ready in time'), READY_TIMEOUT_MS)
    child.once('message', (ready) => {
      clearTimeout(timer)
      resolve({ ...ready, pid: child.pid, child, stop })
    })
    void exited.then((code) => fail(`exited (${code}) before it was ready`))
  })
}

/** Stops the embedded PostgreSQL of a data folder whose Basalt process had to be killed. */
export async function stopOrphanPostgres(dataDir) {
  const raw = await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')
  const pid = Number(raw.split('\n')[0])
  if (pid > 0) {
    try {
      process.kill(pid, 'SIGINT')
    } catch {
      // already gone
    }
  }
}

/**
 * Measures one route on several servers: a warm-up each, then the measured time cut into slices
 * taken in turn, so that load from other processes on the machine falls on every server alike.
 * Answers, per target, req/s, p50 and p99 latency (ms), the server's CPU time per request (µs,
 * Linux only), answers with another status than `expected`, errors and timeouts.
 */
export async function measureInTurn(targets, { path, expected, warmupSeconds, seconds }) {
  // A target may bring its own path, method and body (for a POST); `path` is the default.
  const slices = Math.max(1, Math.round(seconds / 2))
  const options = (target, duration) => ({
    url: target.url + (target.path ?? path),
    method: target.method ?? 'GET',
    body: target.body,
    headers: target.headers,
    connections: 50,
    pipelining: 1,
    duration,
    skipAggregateResult: true,
  })
  for (const target of targets) await autocannon(options(target, warmupSeconds))
  const runs = targets.map(() => ({ results: [], cpuMs: 0 }))
  for (let slice = 0; slice < slices; slice++) {
    for (let turn = 0; turn < targets.length; turn++) {
      const i = (slice + turn) % targets.length
      const cpuBefore = cpuTimeMs(targets[i].pid)
      runs[i].results.push(await autocannon(options(targets[i], seconds / slices)))
      runs[i].cpuMs += cpuTimeMs(targets[i].pid) - cpuBefore
    }
  }
  return runs.map(({ results, cpuMs }, i) => {
    const all = autocannon.aggregateResult(results, options(targets[i], seconds))
    const requests = results.reduce((sum, r) => sum + r.totalCompletedRequests, 0)
    const elapsed = results.reduce((sum, r) => sum + r.duration, 0)
    const answered = Object.values(all.statusCodeStats).reduce((sum, s) => sum + s.count, 0)
    return {
      rps: requests / elapsed,
      p50: all.latency.p50,
      p99: all.latency.p99,
      cpuUs: Number.isNaN(cpuMs) ? undefined : (cpuMs * 1000) / requests,
      unexpected: answered - (all.statusCodeStats[expected]?.count ?? 0),
      errors: all.errors,
      timeouts: all.timeouts,
    }
  })
}

/** User plus system CPU time of a process in ms (NaN where /proc is missing). */
function cpuTimeMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return NaN
  }
}

const COLUMNS = [
  ['scenario', 'l'],
  ['server', 'l'],
  ['req/s', 'r'],
  ['p50 ms', 'r'],
  ['p99 ms', 'r'],
  ['CPU µs/req', 'r'],
  ['bad status', 'r'],
  ['errors', 'r'],
  ['overhead', 'r'],
  ['CPU ratio', 'r'],
  ['target', 'l'],
]

/** A Markdown table (so that it pastes into the README as printed). */
export function table(rows) {
  const cells = [COLUMNS.map(([name]) => name), ...rows]
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => String(row[i]).length)))
  const line = (row) =>
    '| ' +
    row
      .map((cell, i) =>
        COLUMNS[i][1] === 'r' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]),
      )
      .join(' | ') +
    ' |'
  const rule = widths.map((w, i) => '-'.repeat(w - 1) + (COLUMNS[i][1] === 'r' ? ':' : '-'))
  return [line(cells[0]), `| ${rule.join(' | ')} |`, ...cells.slice(1).map(line)].join('\n')
}

/**
 * The frame of a one-server benchmark script: a temporary data folder (enterable by the
 * `postgres` user that runs the embedded PostgreSQL as root), cleanup on exit and on Ctrl-C,
 * and a deadline after which the run stops itself. `shutdown(code)` stops the servers given to
 * `track`, removes the folder and exits.
 */
export async function benchFrame(prefix, deadlineMs) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix))
  await chmod(dataDir, 0o755)
  const servers = []
  let cleaning
  const cleanup = async () => {
    for (const server of servers.reverse()) {
      const clean = await server.stop()
      if (!clean && !process.env.DATABASE_URL) await stopOrphanPostgres(dataDir)
    }
    await rm(dataDir, { recursive: true, force: true })
  }
  const shutdown = (code) => (cleaning ??= cleanup().finally(() => process.exit(code)))
  process.on('SIGINT', () => shutdown(130)).on('SIGTERM', () => shutdown(143))
  setTimeout(() => {
    console.error(`the run took over ${deadlineMs / 1000} s; stopping`)
    void shutdown(1)
  }, deadlineMs).unref()
  return { dataDir, track: (server) => (servers.push(server), server), shutdown }
}
