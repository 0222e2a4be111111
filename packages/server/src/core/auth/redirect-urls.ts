import { fail } from '../../tools/errors.js'
import type { AuthConfig } from '../../config/app-config.js'

/**
 * A per-request redirect URL checked against the app's allow-list: undefined when none is given
 * (the app's `auth.redirectUrl` applies), the URL when it equals `auth.redirectUrl` or an entry
 * of `auth.redirectUrls`, or starts with an entry ending in `/`; otherwise redirect_not_allowed.
 */
export function allowedRedirectUrl(config: AuthConfig, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value !== 'string') {
    throw fail('validation_error', "'redirectURL' must be a string.", { field: 'redirectURL' })
  }
  const entries = [
    ...(config.redirectUrls ?? []),
    ...(config.redirectUrl ? [config.redirectUrl] : []),
  ]
  const allowed = entries.some(
    (entry) => value === entry || (entry.endsWith('/') && value.startsWith(entry)),
  )
  if (!allowed || !isHttpUrl(value)) {
    throw fail('redirect_not_allowed', undefined, { redirectURL: value })
  }
  return value
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
