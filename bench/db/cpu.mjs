// CPU time of processes, from /proc (Linux only; NaN elsewhere).
import { readFileSync, readdirSync } from 'node:fs'

// USER_HZ, 100 on every Linux architecture Node runs on.
const CLOCK_TICKS = 100

/** User plus system CPU time of a process in ms (NaN where /proc is missing). */
export function cpuTimeMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return NaN
  }
}

/**
 * The CPU times (ms) of a process and its children, such as the PostgreSQL postmaster and its
 * backends, by pid; empty without a pid or /proc.
 */
export function treeCpu(pid) {
  const times = new Map()
  if (!pid) return times
  times.set(pid, cpuTimeMs(pid))
  let entries = []
  try {
    entries = readdirSync('/proc')
  } catch {
    return new Map()
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')
      if (Number(fields[1]) === pid) {
        times.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS)
      }
    } catch {
      // gone meanwhile
    }
  }
  return times
}

/**
 * CPU time (ms) a process tree spent since `before` (a treeCpu reading): new processes count in
 * full, processes that ended meanwhile (an idle pool connection closed, say) drop out. NaN when
 * nothing could be read.
 */
export function treeCpuSince(pid, before) {
  const after = treeCpu(pid)
  if (after.size === 0 || Number.isNaN(after.get(pid))) return NaN
  let total = 0
  for (const [child, ms] of after) total += ms - (before.get(child) ?? 0)
  return total
}
