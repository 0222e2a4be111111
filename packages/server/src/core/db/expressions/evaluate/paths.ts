import type { Env } from './environment.js'
import { isPlainObject } from './values.js'

/**
 * The value a path names (docs/expressions.md, Names): `this.` is the outer object,
 * `session.userId` the user, `item` the innermost array element; other names are looked up on
 * the enclosing elements (innermost first, objects holding the key), then on the outer object.
 */
export function resolvePath(segments: readonly string[], env: Env): unknown {
  const [first, ...rest] = segments as [string, ...string[]]
  if (first === 'this') return walk(env.outer, rest)
  if (first === 'session' && rest.length === 1 && rest[0] === 'userId') return env.userId
  if (first === 'item' && env.items.length > 0) return walk(env.items[env.items.length - 1], rest)
  for (let i = env.items.length - 1; i >= 0; i--) {
    const item = env.items[i]
    if (isPlainObject(item) && ownValue(item, first) !== undefined) return walk(item, segments)
  }
  return walk(env.outer, segments)
}

/** Follows a dot path through plain objects; anything missing is null. */
export function walk(start: unknown, segments: readonly string[]): unknown {
  let value = start
  for (const segment of segments) {
    if (!isPlainObject(value)) return null
    value = ownValue(value, segment)
  }
  return value ?? null
}

/** An own property (never one inherited from Object.prototype); undefined when absent. */
export function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined
}
