import { isModuleName, MODULES } from '@basalt/protocol'
import type { ModuleName } from '@basalt/protocol'
import type { ApiAccess, KeySpec, KeyType, RateLimit } from '@basalt/server'
import { CliError } from '../errors.js'

/** The flags of `basalt keys create`, as commander hands them over. */
export interface KeyCreateFlags {
  type: KeyType
  name?: string | undefined
  expires?: string | undefined
  domains?: string | undefined
  modules?: string | undefined
  enforceSession?: boolean | undefined
  rateLimit?: string | undefined
  access?: ApiAccess | undefined
  endpoints?: string | undefined
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const
const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const ENDPOINT = /^([A-Za-z]+\s+)?\/\S*$/
const CLIENT_ONLY = ['modules', 'enforceSession', 'rateLimit'] as const
const API_ONLY = ['access', 'endpoints'] as const
const OPTION: Record<string, string> = {
  modules: '--modules',
  enforceSession: '--enforce-session',
  rateLimit: '--rate-limit',
  access: '--access',
  endpoints: '--endpoints',
}

/** A duration like `30d`, `12h`, `90m`, `45s` or `2w`, in milliseconds; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/** `--expires`: an ISO date (`2026-01-31`, `2026-01-31T12:00Z`) or a duration from `now`. */
export function parseExpiry(text: string, now: Date): Date {
  const duration = parseDuration(text)
  const date = duration !== undefined ? new Date(now.getTime() + duration) : isoDate(text)
  if (!date) {
    throw new CliError(
      `--expires: expected an ISO date (2030-01-31) or a duration like 30d or 12h, got '${text}'`,
    )
  }
  if (date.getTime() <= now.getTime())
    throw new CliError(`--expires: '${text}' is not in the future`)
  return date
}

/** `--rate-limit`: `<max>/<seconds>s` (`100/60s`; `m` and `h` windows are accepted too). */
export function parseRateLimit(text: string): RateLimit {
  const match = /^(\d+)\/(\d+)([smh]?)$/.exec(text.trim())
  const max = Number(match?.[1])
  const windowSeconds = Number(match?.[2]) * UNIT_SECONDS[(match?.[3] || 's') as 's' | 'm' | 'h']
  if (!match || max <= 0 || windowSeconds <= 0) {
    throw new CliError(
      `--rate-limit: expected <max>/<seconds>s with numbers above 0, like 100/60s, got '${text}'`,
    )
  }
  return { max, windowSeconds }
}

/** A comma-separated flag value as a list, without blanks; it may not be empty. */
export function parseList(option: string, text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  if (items.length === 0) throw new CliError(`${option}: expected a comma-separated list`)
  return items
}

/** `--modules auth,db`: each must be a module a client key can grant. */
export function parseModules(text: string): ModuleName[] {
  const names = parseList('--modules', text)
  const unknown = names.find((name) => !isModuleName(name))
  if (unknown !== undefined) {
    throw new CliError(`--modules: unknown module '${unknown}' (expected ${MODULES.join(', ')})`)
  }
  return [...new Set(names)] as ModuleName[]
}

/** `--endpoints '/orders,POST /users/*'`: paths, optionally after a method. */
export function parseEndpoints(text: string): string[] {
  const patterns = parseList('--endpoints', text)
  const bad = patterns.find((pattern) => !ENDPOINT.test(pattern))
  if (bad !== undefined) {
    throw new CliError(
      `--endpoints: '${bad}' is not an endpoint pattern (expected /path, /path/* or METHOD /path)`,
    )
  }
  return patterns
}

/** Checks the flags of `keys create` against each other and turns them into a KeySpec. */
export function buildKeySpec(flags: KeyCreateFlags, now: Date = new Date()): KeySpec {
  checkFlagsFitType(flags)
  const listed = flags.access === 'allow' || flags.access === 'deny'
  if (listed && flags.endpoints === undefined) {
    throw new CliError(`--access ${flags.access} needs --endpoints`)
  }
  if (!listed && flags.endpoints !== undefined) {
    throw new CliError('--endpoints needs --access allow or --access deny')
  }
  const name = flags.name ?? `${flags.type} key`
  if (!name.trim()) throw new CliError('--name: expected a non-empty name')
  return {
    type: flags.type,
    name,
    ...(flags.expires !== undefined && { expiresAt: parseExpiry(flags.expires, now) }),
    ...(flags.domains !== undefined && { domains: parseList('--domains', flags.domains) }),
    ...(flags.modules !== undefined && { modules: parseModules(flags.modules) }),
    ...(flags.enforceSession && { enforceSession: true }),
    ...(flags.rateLimit !== undefined && { rateLimit: parseRateLimit(flags.rateLimit) }),
    ...(flags.access !== undefined && { access: flags.access }),
    ...(flags.endpoints !== undefined && { endpoints: parseEndpoints(flags.endpoints) }),
  }
}

function checkFlagsFitType(flags: KeyCreateFlags): void {
  const misplaced = flags.type === 'api' ? CLIENT_ONLY : API_ONLY
  const given = misplaced.find((key) => flags[key] !== undefined)
  if (given !== undefined) {
    const other = flags.type === 'api' ? 'client' : 'api'
    throw new CliError(`${OPTION[given]} applies to ${other} keys only, not ${flags.type} keys`)
  }
}

function isoDate(text: string): Date | undefined {
  if (!ISO_DATE.test(text.trim())) return undefined
  const date = new Date(text.trim())
  return Number.isNaN(date.getTime()) ? undefined : date
}
