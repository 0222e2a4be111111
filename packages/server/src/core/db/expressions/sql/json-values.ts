import type { ValueType } from '../../model-types.js'
import type { Ctx } from './context.js'
import { dateToText, numberToText, numericToDouble, textToDate } from './formats.js'
import { materialize } from './lists.js'
import type { Val } from './values.js'

/*
 * Values without a static type are jsonb (a json field's contents, mixed lists): these read
 * them as a typed value where the JSON type matches (null otherwise), and write any value as
 * the JSON clients see.
 */

/** A JSON value (jsonb) as text when it is a JSON string, else null. */
export function jsonString(ctx: Ctx, json: string): string {
  return ctx.bind([json], (j) => `CASE WHEN jsonb_typeof(${j}) = 'string' THEN ${j} #>> '{}' END`)
}

/** A JSON value as a double when it is a JSON number in the double range, else null. */
export function jsonNumber(ctx: Ctx, json: string): string {
  return ctx.bind([json], (j) => {
    const numeric = `CASE WHEN jsonb_typeof(${j}) = 'number' THEN (${j})::numeric END`
    return `CASE WHEN jsonb_typeof(${j}) = 'number' THEN ${numericToDouble(ctx, numeric)} END`
  })
}

/** A JSON value as a boolean when it is a JSON boolean, else null. */
export function jsonBoolean(ctx: Ctx, json: string): string {
  return ctx.bind(
    [json],
    (j) => `CASE WHEN jsonb_typeof(${j}) = 'boolean' THEN (${j})::boolean END`,
  )
}

/** A JSON value as TOTEXT writes it. */
export function jsonToText(ctx: Ctx, json: string): string {
  return ctx.bind(
    [json],
    (j) =>
      `CASE jsonb_typeof(${j}) WHEN 'string' THEN ${j} #>> '{}' ` +
      `WHEN 'number' THEN ${numberToText(ctx, jsonNumber(ctx, j))} ` +
      `WHEN 'boolean' THEN ${j} #>> '{}' WHEN 'null' THEN NULL ELSE (${j})::text END`,
  )
}

/** A value as jsonb, the way clients see it (dates ISO text, objects and lists as JSON). */
export function toJson(ctx: Ctx, val: Val): string {
  switch (val.type) {
    case 'null':
      return 'NULL::jsonb'
    case 'date':
      return `to_jsonb(${dateToText(val.sql)})`
    case 'unknown':
    case 'object':
      return val.sql
    case 'list':
      if (val.list?.kind === 'rel') return materialize(ctx, val.list.rel)
      if (val.list?.kind === 'array' && val.list.elem === 'date') {
        return ctx.bind(
          [val.sql],
          (a) =>
            `CASE WHEN ${a} IS NOT NULL THEN coalesce((SELECT jsonb_agg(to_jsonb(${dateToText('d')}) ` +
            `ORDER BY i) FROM unnest(${a}) WITH ORDINALITY AS u(d, i)), '[]'::jsonb) END`,
        )
      }
      return val.list?.kind === 'json' ? val.sql : `to_jsonb(${val.sql})`
    default:
      return `to_jsonb(${val.sql})`
  }
}

/** The value of a JSON value (jsonb) typed by context: values of other JSON types are null. */
export function fromJson(ctx: Ctx, json: string, type: ValueType): Val {
  switch (type) {
    case 'number':
      return { sql: jsonNumber(ctx, json), type }
    case 'boolean':
      return { sql: jsonBoolean(ctx, json), type }
    case 'date':
      return { sql: textToDate(ctx, jsonString(ctx, json)), type }
    case 'text':
    case 'id':
      return { sql: jsonString(ctx, json), type }
    default:
      return { sql: json, type: 'unknown' }
  }
}
