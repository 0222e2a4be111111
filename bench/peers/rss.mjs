// The resident set of a process, read from /proc (Linux), for the peak-RSS column.
import { readFileSync } from 'node:fs'

/** VmRSS of `pid` in KiB, or NaN where /proc is missing or the process is gone. */
export function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : NaN
  } catch {
    return NaN
  }
}

/** Runs `work` while sampling the RSS of `pid` every 20 ms; answers [result, peak KiB]. */
export async function withPeakRss(pid, work) {
  let peak = pid ? rssKiB(pid) : NaN
  const timer = pid ? setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 20) : undefined
  try {
    const result = await work()
    if (pid) peak = Math.max(peak, rssKiB(pid))
    return [result, peak]
  } finally {
    clearInterval(timer)
  }
}
