import dns from 'node:dns'
import type { LookupAddress, LookupOptions } from 'node:dns'

/**
 * Host names under this suffix resolve to 127.0.0.1 while `patchDns` is in force: the published
 * client derives its socket host from the env URL (`realtime.<host>`, protocol §7.1).
 */
export const HOST_SUFFIX = '.basalt.test'

/** Sends `*.basalt.test` to 127.0.0.1 through dns.lookup; answers the function that undoes it. */
export function patchDns(): () => void {
  const realLookup = dns.lookup
  const patched = (hostname: string, options: unknown, callback?: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (
      error: Error | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void
    if (!hostname.endsWith(HOST_SUFFIX)) {
      return (realLookup as (...args: unknown[]) => void)(hostname, options, callback)
    }
    const all = typeof options === 'object' && (options as LookupOptions | null)?.all
    if (all) return done(null, [{ address: '127.0.0.1', family: 4 }])
    done(null, '127.0.0.1', 4)
  }
  ;(dns as { lookup: unknown }).lookup = patched
  return () => {
    ;(dns as { lookup: unknown }).lookup = realLookup
  }
}
