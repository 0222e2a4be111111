/** Attributes of a cookie the client writes. */
export interface CookieAttributes {
  /** Seconds until the cookie expires; zero or less expires it at once. */
  maxAge: number
  /** Forbids scripts to read the cookie (a browser rejects such a cookie set by a script). */
  httpOnly: boolean
}

/** `name=<URI-encoded value>; Max-Age=..; Path=/; [HttpOnly; ]Secure; SameSite=None`. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Max-Age=${Math.floor(attributes.maxAge)}`]
  parts.push('Path=/')
  if (attributes.httpOnly) parts.push('HttpOnly')
  parts.push('Secure', 'SameSite=None')
  return parts.join('; ')
}

/** A cookie value URI-decoded; kept as it is when it is not valid URI encoding. */
function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The pairs of a `Cookie` header or `document.cookie`; the first of a repeated name wins. */
export function parseCookies(header: unknown): Record<string, string> {
  const cookies: Record<string, string> = {}
  if (typeof header !== 'string') return cookies
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=')
    if (equals === -1) continue
    const name = pair.slice(0, equals).trim()
    let value = pair.slice(equals + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1)
    if (name && !(name in cookies)) cookies[name] = decodeValue(value)
  }
  return cookies
}

/** The `Set-Cookie` values of a response with `cookie` appended (a lone string becomes a list). */
export function appendSetCookie(current: unknown, cookie: string): string[] {
  if (Array.isArray(current)) return [...current.map(String), cookie]
  if (current === undefined || current === null || current === '') return [cookie]
  return [String(current), cookie]
}
