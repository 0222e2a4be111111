import { LiteralSlot } from '../expressions/sql/literal-slots.js'
import { SqlParams } from '../expressions/sql/sql-types.js'
import type { ResolvedModel } from '../model-types.js'

/**
 * Stands for the session's user id while an expression is compiled for the cache; replaced by
 * the caller's id when the cached SQL is used.
 */
export const SESSION_USER = '\u0000session-user\u0000'

/** Compiled expressions kept (SQL and bound values), least recently used dropped first. */
export const COMPILED_CACHE_SIZE = 2000

const modelIds = new WeakMap<ResolvedModel, string>()
let nextModelId = 0

/**
 * A key of one resolved model in this process (its name and a number): two servers of one
 * process may each have a model of that name, with other fields.
 */
export function modelKey(model: ResolvedModel): string {
  let key = modelIds.get(model)
  if (key === undefined) modelIds.set(model, (key = `${model.name}#${++nextModelId}`))
  return key
}

const NO_LITERALS: readonly unknown[] = []

interface Compiled {
  readonly sql: string
  readonly values: readonly unknown[]
}

const cache = new Map<string, Compiled>()

/**
 * The SQL of an expression compiled once per key: `compile` writes it with its own parameters,
 * the session user as SESSION_USER (or null without a session); each use binds those values
 * into `params`, the caller's user id for SESSION_USER, and renumbers the placeholders.
 * The compiler puts user text in parameters only, so `$n` in the SQL is always a placeholder.
 * SQL compiled as a template (literal-slots.ts) binds `literals[i]` for each LiteralSlot i.
 */
export function cachedSql(
  key: string,
  userId: string | null,
  params: SqlParams,
  compile: (own: SqlParams, userId: string | null) => string,
  literals: readonly unknown[] = NO_LITERALS,
): string {
  const fullKey = `${userId === null ? 'anonymous' : 'session'}\u0000${key}`
  let entry = cache.get(fullKey)
  if (entry) {
    cache.delete(fullKey)
  } else {
    const own = new SqlParams()
    entry = { sql: compile(own, userId === null ? null : SESSION_USER), values: own.values }
    if (cache.size >= COMPILED_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  }
  cache.set(fullKey, entry)
  const offset = params.values.length
  for (const value of entry.values) {
    if (value instanceof LiteralSlot) params.add(literals[value.index])
    else params.add(value === SESSION_USER ? userId : value)
  }
  if (offset === 0) return entry.sql
  return entry.sql.replace(/\$(\d+)/g, (_match, n: string) => `$${Number(n) + offset}`)
}
