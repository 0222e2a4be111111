import type { KeyRecord } from './key-types.js'

/** Whether a key can be used at `now`: not revoked and not expired. */
export function isKeyActive(key: KeyRecord, now: number = Date.now()): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt.getTime() > now)
}

/**
 * Whether a request from `origin` (the Origin header, else the Referer) may use the key.
 * A domain entry is a host (`example.com`), a wildcard host (`*.example.com`), or an origin with
 * scheme and port (`http://localhost:3000`). A key with no domains accepts any caller; a key with
 * domains refuses a request that names no origin at all.
 */
export function isOriginAllowed(domains: readonly string[], origin: string | undefined): boolean {
  if (domains.length === 0) return true
  const url = parseUrl(origin)
  if (!url) return false
  return domains.some((domain) => domainMatches(domain.trim().toLowerCase(), url))
}

function domainMatches(domain: string, url: URL): boolean {
  if (domain.includes('://')) return parseUrl(domain)?.origin === url.origin
  const host = domain.includes(':') ? url.host : url.hostname
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1))
  return host === domain
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

/**
 * Whether an API key may call `method path`. Endpoint patterns match a path exactly, or end in
 * `/*` to match everything below a prefix; a leading method (`POST /orders`) narrows a pattern.
 */
export function apiKeyAllows(key: KeyRecord, method: string, path: string): boolean {
  switch (key.access) {
    case 'full':
      return true
    case 'read-only':
      return method === 'GET' || method === 'HEAD'
    case 'allow':
      return key.endpoints.some((pattern) => endpointMatches(pattern, method, path))
    case 'deny':
      return !key.endpoints.some((pattern) => endpointMatches(pattern, method, path))
  }
}

function endpointMatches(pattern: string, method: string, path: string): boolean {
  const [first, second] = pattern.trim().split(/\s+/, 2)
  const patternMethod = second === undefined ? undefined : first?.toUpperCase()
  const patternPath = normalisePath(second ?? first ?? '')
  if (patternMethod && patternMethod !== method.toUpperCase()) return false
  const target = normalisePath(path)
  if (patternPath.endsWith('/*')) {
    const base = patternPath.slice(0, -2)
    return target === base || target.startsWith(base + '/')
  }
  return target === patternPath
}

function normalisePath(path: string): string {
  const bare = path.split('?')[0] ?? ''
  const withSlash = bare.startsWith('/') ? bare : '/' + bare
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash
}
