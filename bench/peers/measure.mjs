// The load side of the peers benchmark: autocannon against each target in turn, plain loops for
// the baselines without HTTP (direct Redis, file copy), each with the peak RSS of the server.
import autocannon from 'autocannon'
import { withPeakRss } from './rss.mjs'

/**
 * Loads several HTTP targets with the same scenario: a warm-up each, then the measured time cut
 * into slices taken in turn, so that load from other processes falls on every target alike. A
 * target is { url, pid, request: { method, path, headers, body, setupRequest }, connections }.
 * Answers per target req/s, p50 and p99 (ms), failures (errors, timeouts, answers not 2xx) and
 * the peak RSS of its process (KiB).
 */
export async function measureHttp(targets, { warmupSeconds, seconds }) {
  const slices = Math.max(1, Math.round(seconds / 2))
  const options = (target, duration) => ({
    url: target.url,
    requests: [target.request],
    connections: target.connections ?? 50,
    pipelining: 1,
    duration,
    skipAggregateResult: true,
  })
  const runs = targets.map(() => ({ results: [], peak: NaN, warmFailures: 0 }))
  const run = async (i, duration, measured) => {
    const [result, peak] = await withPeakRss(targets[i].pid, () =>
      autocannon(options(targets[i], duration)),
    )
    runs[i].peak = Number.isNaN(runs[i].peak) ? peak : Math.max(runs[i].peak, peak)
    if (measured) runs[i].results.push(result)
    else runs[i].warmFailures += failuresOf(result)
  }
  for (let i = 0; i < targets.length; i++) await run(i, warmupSeconds, false)
  for (let slice = 0; slice < slices; slice++) {
    for (let turn = 0; turn < targets.length; turn++) {
      await run((slice + turn) % targets.length, seconds / slices, true)
    }
  }
  return runs.map(({ results, peak, warmFailures }, i) => {
    const all = autocannon.aggregateResult(results, options(targets[i], seconds))
    const requests = results.reduce((sum, r) => sum + r.totalCompletedRequests, 0)
    const elapsed = results.reduce((sum, r) => sum + r.duration, 0)
    return {
      rps: requests / elapsed,
      p50: all.latency.p50,
      p99: all.latency.p99,
      failures: warmFailures + results.reduce((sum, r) => sum + failuresOf(r), 0),
      peakKiB: peak,
    }
  })
}

/** Errors, timeouts and answers outside 2xx of one autocannon run. */
function failuresOf(result) {
  const bad = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) < 200 || Number(code) >= 300)
    .reduce((sum, [, stat]) => sum + stat.count, 0)
  return result.errors + result.timeouts + bad
}

/**
 * Runs `call` in `concurrency` loops for `seconds` in this process (a baseline without HTTP):
 * calls per second, p50 and p99 (ms), and failed calls.
 */
export async function measureLoop(call, { concurrency, seconds }) {
  const latencies = []
  let failures = 0
  const until = performance.now() + seconds * 1000
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now()
      try {
        await call()
        latencies.push(performance.now() - started)
      } catch {
        failures += 1
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failures, peakKiB: NaN }
}
