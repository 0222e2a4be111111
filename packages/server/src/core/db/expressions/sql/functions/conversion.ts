import { dateArg, jsonNumber, numberArg, textArg, toText, truthy } from '../coerce.js'
import type { Ctx } from '../context.js'
import { msToDate, textToNumber } from '../formats.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/** TONUMBER: numbers, decimal texts, booleans (1 / 0); null otherwise. */
function toNumber(ctx: Ctx, val: Val): Val {
  switch (val.type) {
    case 'number':
      return numberArg(ctx, val)
    case 'boolean':
      return {
        sql: `CASE WHEN ${val.sql} THEN 1 WHEN NOT ${val.sql} THEN 0 END::double precision`,
        type: 'number',
      }
    case 'text':
    case 'id':
      return { sql: textToNumber(ctx, val.sql), type: 'number' }
    case 'unknown':
      return {
        sql: ctx.bind(
          [val.sql],
          (j) =>
            `CASE jsonb_typeof(${j}) WHEN 'number' THEN ${jsonNumber(ctx, j)} ` +
            `WHEN 'string' THEN ${textToNumber(ctx, `(${j} #>> '{}')`)} ` +
            `WHEN 'boolean' THEN CASE WHEN ${j} = 'true'::jsonb THEN 1 ELSE 0 END END`,
        ),
        type: 'number',
      }
    default:
      return nullOf('number')
  }
}

/** TOBOOLEAN: truthiness, but the texts 'false' (any case) and '0' are false; null stays null. */
function toBoolean(ctx: Ctx, val: Val): Val {
  if (val.type === 'null') return nullOf('boolean')
  if (val.type === 'text' || val.type === 'id') {
    return {
      sql: ctx.bind(
        [val.sql],
        (t) => `CASE WHEN lower(${t}) IN ('false', '0') THEN false ELSE ${t} <> '' END`,
      ),
      type: 'boolean',
    }
  }
  if (val.type === 'unknown') {
    return {
      sql: ctx.bind([val.sql], (j) => {
        const text = textArg(ctx, { sql: j, type: 'unknown' }).sql
        return (
          `CASE WHEN ${j} IS NULL THEN NULL WHEN jsonb_typeof(${j}) = 'string' ` +
          `THEN lower(${text}) NOT IN ('false', '0') AND ${text} <> '' ` +
          `ELSE ${truthy(ctx, { sql: j, type: 'unknown' })} END`
        )
      }),
      type: 'boolean',
    }
  }
  if (val.notNull) return { sql: truthy(ctx, val), type: 'boolean', notNull: true }
  return {
    sql: ctx.bind(
      [val.sql],
      (v) => `CASE WHEN ${v} IS NULL THEN NULL ELSE ${truthy(ctx, { ...val, sql: v })} END`,
    ),
    type: 'boolean',
  }
}

/** TODATE: a date as is, an ISO-8601 text parsed, epoch milliseconds; null otherwise. */
function toDate(ctx: Ctx, val: Val): Val {
  if (val.type === 'number') return { sql: msToDate(ctx, numberArg(ctx, val).sql), type: 'date' }
  if (val.type !== 'unknown') return dateArg(ctx, val)
  return {
    sql: ctx.bind(
      [val.sql],
      (j) =>
        `CASE jsonb_typeof(${j}) WHEN 'number' THEN ${msToDate(ctx, jsonNumber(ctx, j))} ` +
        `WHEN 'string' THEN ${dateArg(ctx, { sql: j, type: 'unknown' }).sql} END`,
    ),
    type: 'date',
  }
}

/** TOOBJECTID: a text of 24 hex characters, lower-cased; null otherwise. */
function toObjectId(ctx: Ctx, val: Val): Val {
  const t = textArg(ctx, val)
  if (t.type === 'null') return nullOf('id')
  return {
    sql: ctx.bind([t.sql], (x) => `CASE WHEN ${x} ~ '^[0-9a-fA-F]{24}$' THEN lower(${x}) END`),
    type: 'id',
  }
}

/** TOTEXT, TONUMBER, TOINTEGER, TOBOOLEAN, TODATE, TOOBJECTID. */
export const CONVERSION_FUNCTIONS: SqlFunctionTable = {
  TOTEXT: eager((ctx, [value]) => toText(ctx, value!)),
  TONUMBER: eager((ctx, [value]) => toNumber(ctx, value!)),
  TOINTEGER: eager((ctx, [value]) => {
    const n = toNumber(ctx, value!)
    return n.type === 'null' ? n : { sql: `(trunc(${n.sql}) + 0)`, type: 'number' }
  }),
  TOBOOLEAN: eager((ctx, [value]) => toBoolean(ctx, value!)),
  TODATE: eager((ctx, [value]) => toDate(ctx, value!)),
  TOOBJECTID: eager((ctx, [value]) => toObjectId(ctx, value!)),
}
