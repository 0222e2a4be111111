import { textArg, toJson } from '../coerce.js'
import type { Ctx } from '../context.js'
import { isListLike } from '../lists.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/** An object or list argument as jsonb; undefined for values that can be neither. */
function json(ctx: Ctx, val: Val): string | undefined {
  if (val.type === 'object' || val.type === 'unknown' || isListLike(val)) return toJson(ctx, val)
  return undefined
}

/** A function of one JSON object (null for anything else). */
function onObject(type: Val['type'], fn: (ctx: Ctx, object: string, rest: Val[]) => Val) {
  return eager((ctx, [value, ...rest]) => {
    if (value!.type !== 'object' && value!.type !== 'unknown') return nullOf(type)
    return withType(ctx, value!.sql, type, fn, rest)
  })
}

function withType(
  ctx: Ctx,
  j: string,
  type: Val['type'],
  fn: (ctx: Ctx, object: string, rest: Val[]) => Val,
  rest: Val[],
): Val {
  let list: Val['list']
  const sql = ctx.bind([j], (o) => {
    const inner = fn(ctx, o, rest)
    list = inner.list
    return `CASE WHEN jsonb_typeof(${o}) = 'object' THEN ${inner.sql} END`
  })
  return { sql, type, list }
}

/** GET(obj, 'a.b'): keys of objects, 0-based digit segments of lists; null when missing. */
function get(ctx: Ctx, [value, path]: Val[]): Val {
  const j = json(ctx, value!)
  if (j === undefined) return nullOf('unknown')
  const p = textArg(ctx, path!).sql
  const sql = ctx.bind([j, p], (o, text) => {
    const segments = `CASE WHEN ${text} = '' THEN ARRAY['']::text[] ELSE string_to_array(${text}, '.') END`
    // PostgreSQL reads `-1` as "last"; the language reads only digit segments as indexes.
    return (
      `CASE WHEN jsonb_typeof(${o}) IN ('object', 'array') AND ${text} !~ '(^|[.])-' ` +
      `THEN nullif(${o} #> ${segments}, 'null'::jsonb) END`
    )
  })
  return { sql, type: 'unknown' }
}

/** GET, KEYS, VALUES, HASKEY, MERGE (keys in code-point order). */
export const OBJECT_FUNCTIONS: SqlFunctionTable = {
  GET: eager(get),
  KEYS: onObject('list', (_ctx, o) => ({
    sql: `ARRAY(SELECT k FROM jsonb_object_keys(${o}) AS k ORDER BY k COLLATE "C")`,
    type: 'list',
    list: { kind: 'array', elem: 'text' },
  })),
  VALUES: onObject('list', (_ctx, o) => ({
    sql: `coalesce((SELECT jsonb_agg(${o} -> k ORDER BY k COLLATE "C") FROM jsonb_object_keys(${o}) AS k), '[]'::jsonb)`,
    type: 'list',
    list: { kind: 'json' },
  })),
  HASKEY: onObject('boolean', (ctx, o, [key]) => ({
    sql: `(${o} ? ${textArg(ctx, key!).sql})`,
    type: 'boolean',
  })),
  MERGE: onObject('object', (ctx, o, [other]) => {
    const b = other!.type === 'object' || other!.type === 'unknown' ? other!.sql : 'NULL::jsonb'
    return {
      sql: ctx.bind([b], (x) => `CASE WHEN jsonb_typeof(${x}) = 'object' THEN ${o} || ${x} END`),
      type: 'object',
    }
  }),
}
