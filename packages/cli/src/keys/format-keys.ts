import { MODULES } from '@basalt/protocol'
import type { KeyRecord } from '@basalt/server'

const COLUMNS = ['ID', 'TYPE', 'NAME', 'PREFIX', 'STATUS', 'EXPIRES', 'CREATED', 'RULES'] as const

/** Whether a key is active, revoked or expired at `now`. */
export function keyStatus(key: KeyRecord, now: Date = new Date()): string {
  if (key.revokedAt) return 'revoked'
  if (key.expiresAt && key.expiresAt <= now) return 'expired'
  return 'active'
}

/** What a key allows, in one short line (`modules: auth,db; domains: example.com`). */
export function keyRules(key: KeyRecord): string {
  const rules: string[] = []
  if (key.type === 'client') {
    const all = MODULES.every((module) => key.modules.includes(module))
    rules.push(`modules: ${all ? 'all' : key.modules.join(',') || 'none'}`)
    if (key.enforceSession) rules.push('session enforced')
    if (key.rateLimit) rules.push(`rate: ${key.rateLimit.max}/${key.rateLimit.windowSeconds}s`)
  } else {
    const endpoints = key.endpoints.length ? ` ${key.endpoints.join(',')}` : ''
    rules.push(`access: ${key.access}${endpoints}`)
  }
  if (key.domains.length) rules.push(`domains: ${key.domains.join(',')}`)
  return rules.join('; ')
}

/** The keys as an aligned text table, newest first as listed. */
export function formatKeyTable(keys: readonly KeyRecord[], now: Date = new Date()): string {
  if (keys.length === 0) return 'No keys.\n'
  const rows = keys.map((key) => [
    key.id,
    key.type,
    key.name,
    key.prefix,
    keyStatus(key, now),
    key.expiresAt ? day(key.expiresAt) : 'never',
    day(key.createdAt),
    keyRules(key),
  ])
  const table = [[...COLUMNS], ...rows]
  const widths = COLUMNS.map((_, column) => Math.max(...table.map((row) => row[column]!.length)))
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  )
  return lines.join('\n') + '\n'
}

function day(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ')
}
