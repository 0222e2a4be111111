import type { CacheStore } from '../../adapters/cache/cache-store.js'

/** Traffic of one period, in bytes of keys and values. */
export interface CacheTraffic {
  ingress: number
  egress: number
}

/** What `getStats` answers (docs/cache.md). */
export interface CacheStats {
  /** Live keys. */
  keys: number
  /** UTF-8 bytes of the live keys and their JSON values. */
  bytes: number
  /** Today (UTC): `date` is `YYYY-MM-DD`. */
  daily: CacheTraffic & { date: string }
  /** This month (UTC): `month` is `YYYY-MM`. */
  monthly: CacheTraffic & { month: string }
}

/** The counter names of a direction at an instant: one per UTC day, one per UTC month. */
function counterNames(direction: keyof CacheTraffic, at: number): [string, string] {
  const day = new Date(at).toISOString().slice(0, 10)
  return [`${direction}:day:${day}`, `${direction}:month:${day.slice(0, 7)}`]
}

/** Counts bytes in or out, in today's and this month's counters. */
export async function recordTraffic(
  store: CacheStore,
  direction: keyof CacheTraffic,
  bytes: number,
  at: number,
): Promise<void> {
  if (bytes <= 0) return
  const [day, month] = counterNames(direction, at)
  await store.addCounters({ [day]: bytes, [month]: bytes })
}

/** The size of the store and today's and this month's traffic. */
export async function readStats(store: CacheStore, at: number): Promise<CacheStats> {
  const [inDay, inMonth] = counterNames('ingress', at)
  const [outDay, outMonth] = counterNames('egress', at)
  const [size, counters] = await Promise.all([
    store.size(),
    store.readCounters([inDay, inMonth, outDay, outMonth]),
  ])
  const date = new Date(at).toISOString().slice(0, 10)
  return {
    keys: size.keys,
    bytes: size.bytes,
    daily: { date, ingress: counters[inDay] ?? 0, egress: counters[outDay] ?? 0 },
    monthly: {
      month: date.slice(0, 7),
      ingress: counters[inMonth] ?? 0,
      egress: counters[outMonth] ?? 0,
    },
  }
}
