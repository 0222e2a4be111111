// The load of the database benchmark: autocannon with a fresh random body per request, servers
// taken in turn (as health-overhead's measureInTurn, which sends one fixed body).
import autocannon from 'autocannon'
import { cpuTimeMs, treeCpu, treeCpuSince } from './cpu.mjs'

export const CONNECTIONS = 50

/**
 * Measures several servers on one scenario: a warm-up each, then the measured time cut into
 * slices taken in turn, so that load from other processes falls on every server alike. A target
 * is { url, pid, path, headers, body: () => string }. Answers, per target, req/s, p50 and p99
 * latency (ms), the server's CPU time per request and, given the pid of the PostgreSQL
 * postmaster, that of PostgreSQL (µs, Linux only), answers other than 200, errors and timeouts.
 */
export async function measureInTurn(targets, { warmupSeconds, seconds, postgresPid }) {
  const slices = Math.max(1, Math.round(seconds / 2))
  const options = (target, duration) => ({
    url: target.url,
    requests: [
      {
        method: 'POST',
        path: target.path,
        headers: { 'content-type': 'application/json', ...target.headers },
        setupRequest: (request) => ({ ...request, body: target.body() }),
      },
    ],
    connections: CONNECTIONS,
    pipelining: 1,
    duration,
    skipAggregateResult: true,
  })
  for (const target of targets) await autocannon(options(target, warmupSeconds))
  const runs = targets.map(() => ({ results: [], cpuMs: 0, pgMs: 0 }))
  for (let slice = 0; slice < slices; slice++) {
    for (let turn = 0; turn < targets.length; turn++) {
      const i = (slice + turn) % targets.length
      const cpuBefore = cpuTimeMs(targets[i].pid)
      const pgBefore = treeCpu(postgresPid)
      runs[i].results.push(await autocannon(options(targets[i], seconds / slices)))
      runs[i].cpuMs += cpuTimeMs(targets[i].pid) - cpuBefore
      runs[i].pgMs += treeCpuSince(postgresPid, pgBefore)
    }
  }
  return runs.map(({ results, cpuMs, pgMs }, i) => {
    const all = autocannon.aggregateResult(results, options(targets[i], seconds))
    const requests = results.reduce((sum, r) => sum + r.totalCompletedRequests, 0)
    const elapsed = results.reduce((sum, r) => sum + r.duration, 0)
    const answered = Object.values(all.statusCodeStats).reduce((sum, s) => sum + s.count, 0)
    return {
      rps: requests / elapsed,
      p50: all.latency.p50,
      p99: all.latency.p99,
      cpuUs: Number.isNaN(cpuMs) ? undefined : (cpuMs * 1000) / requests,
      pgCpuUs: Number.isNaN(pgMs) ? undefined : (pgMs * 1000) / requests,
      unexpected: answered - (all.statusCodeStats[200]?.count ?? 0),
      errors: all.errors,
      timeouts: all.timeouts,
    }
  })
}

/** A Markdown table with right-aligned columns where `right[i]` (so it pastes into a README). */
export function markdownTable(header, rows, right) {
  const cells = [header, ...rows].map((row) => row.map(String))
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  const line = (row) =>
    `| ${row.map((cell, i) => (right[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`
  const rule = widths.map((w, i) => '-'.repeat(w - 1) + (right[i] ? ':' : '-'))
  return [line(cells[0]), `| ${rule.join(' | ')} |`, ...cells.slice(1).map(line)].join('\n')
}
