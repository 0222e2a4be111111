import type { CallNode } from '@basalt/protocol'
import { numberArg, textArg, toText } from '../coerce.js'
import type { Ctx } from '../context.js'
import { SPACES } from '../formats.js'
import { selectFrom, withElements } from '../lists.js'
import { translateRegex } from '../regex-translate.js'
import { badArguments } from '../sql-errors.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { includes } from './list.js'
import { args, eager } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

const text = (sql: string, notNull = false): Val => ({ sql, type: 'text', notNull })
const number = (sql: string): Val => ({ sql, type: 'number' })
const bool = (sql: string): Val => ({ sql, type: 'boolean' })

/** A function of texts (non-texts are null, so the strict SQL functions answer null). */
function onTexts(fn: (ctx: Ctx, ...texts: string[]) => Val): SqlFunction {
  return eager((ctx, values) => fn(ctx, ...values.map((v) => textArg(ctx, v).sql)))
}

/** A whole number argument (truncated), clamped to what `integer` holds. */
function count(ctx: Ctx, val: Val): string {
  return `trunc(${numberArg(ctx, val).sql})`
}

/** A number clamped to what `integer` holds (null stays null: least/greatest skip nulls). */
const int = (n: string) =>
  `(CASE WHEN ${n} > 1000000000 THEN 1000000000 WHEN ${n} < -1000000000 THEN -1000000000 ELSE ${n} END)::int`

function side(fn: 'left' | 'right'): SqlFunction {
  return eager((ctx, [value, n]) =>
    text(
      ctx.bind(
        [textArg(ctx, value!).sql, count(ctx, n!)],
        (t, c) => `CASE WHEN ${c} < 0 THEN NULL ELSE ${fn}(${t}, ${int(c)}) END`,
      ),
    ),
  )
}

function mid(ctx: Ctx, [value, start, n]: Val[]): Val {
  return text(
    ctx.bind(
      [textArg(ctx, value!).sql, count(ctx, start!), count(ctx, n!)],
      (t, s, c) =>
        `CASE WHEN ${s} < 1 OR ${c} < 0 THEN NULL ELSE substr(${t}, ${int(s)}, ${int(c)}) END`,
    ),
  )
}

function charIndex(ctx: Ctx, [value, search, start]: Val[]): Val {
  const from = start ? count(ctx, start) : '1'
  return number(
    ctx.bind([textArg(ctx, value!).sql, textArg(ctx, search!).sql, from], (t, s, f) => {
      const begin = `greatest(${f}, 1)`
      const pos = `strpos(substr(${t}, ${int(begin)}), ${s})`
      return (
        `CASE WHEN ${t} IS NULL OR ${s} IS NULL OR ${f} IS NULL THEN NULL::double precision ` +
        `WHEN ${begin} > char_length(${t}) + 1 THEN 0 ` +
        `WHEN ${pos} = 0 THEN 0 ELSE ${pos} + ${begin} - 1 END`
      )
    }),
  )
}

function split(ctx: Ctx, t: string, sep: string): Val {
  return {
    sql: ctx.bind(
      [t, sep],
      (x, s) =>
        `CASE WHEN ${x} IS NULL OR ${s} IS NULL THEN NULL::text[] WHEN ${x} = '' THEN '{}'::text[] ` +
        `WHEN ${s} = '' THEN string_to_array(${x}, NULL) ELSE string_to_array(${x}, ${s}) END`,
    ),
    type: 'list',
    list: { kind: 'array', elem: 'text' },
  }
}

function join(ctx: Ctx, call: CallNode): Val {
  const [list, separator] = args(ctx, call)
  const sep = textArg(ctx, separator!).sql
  if (!isListish(list!)) return nullOf('text')
  return text(
    ctx.bind([sep], (s) =>
      withElements(ctx, list!, call, (els) => {
        const agg = `(${selectFrom(els, `string_agg(${toText(ctx, els.value).sql}, ${s} ORDER BY ${els.order})`)})`
        return `CASE WHEN ${els.isNull} OR ${s} IS NULL THEN NULL ELSE coalesce(${agg}, '') END`
      }),
    ),
  )
}

function isListish(val: Val): boolean {
  return val.type === 'list' || val.type === 'geo' || val.type === 'unknown' || val.type === 'null'
}

function repeat(ctx: Ctx, [value, n]: Val[]): Val {
  return text(
    ctx.bind(
      [textArg(ctx, value!).sql, count(ctx, n!)],
      (t, c) =>
        `CASE WHEN ${t} IS NULL OR ${c} > 10000 THEN NULL WHEN ${c} <= 0 THEN '' ` +
        `WHEN char_length(${t}) * ${c} > 1000000 THEN NULL ELSE repeat(${t}, ${c}::int) END`,
    ),
  )
}

function regexMatch(ctx: Ctx, call: CallNode): Val {
  const [value, pattern, flags] = args(ctx, call)
  if (typeof pattern!.literal?.value !== 'string') {
    if (pattern!.type === 'null') return nullOf('boolean')
    throw badArguments(call, call.name, 'the pattern must be a text literal in a query')
  }
  const translated = translateRegex(pattern!.literal.value)
  if (translated === undefined) return nullOf('boolean')
  const t = textArg(ctx, value!).sql
  const p = ctx.param(translated, 'text')
  if (!flags) return bool(`(${t} ~ ${p})`)
  const f = textArg(ctx, flags).sql
  return bool(`(CASE ${f} WHEN '' THEN ${t} ~ ${p} WHEN 'i' THEN ${t} ~* ${p} END)`)
}

/** Each run of letters and digits with its first character upper-case, the rest lower-case. */
function proper(ctx: Ctx, t: string): string {
  return ctx.bind([t], (x) => {
    const word = `${'"w"'}[1]`
    const cased = `CASE WHEN ${word} ~ '^[[:alnum:]]' THEN upper(left(${word}, 1)) || lower(substr(${word}, 2)) ELSE ${word} END`
    const words = `regexp_matches(${x}, '[[:alnum:]]+|[^[:alnum:]]+', 'g') WITH ORDINALITY AS "r"("w", "i")`
    return `CASE WHEN ${x} IS NULL THEN NULL ELSE coalesce((SELECT string_agg(${cased}, '' ORDER BY "i") FROM ${words}), '') END`
  })
}

function concat(ctx: Ctx, values: Val[]): Val {
  const parts = values.map((v) => toText(ctx, v).sql)
  // concat() takes at most 100 arguments.
  const chunks: string[] = []
  for (let i = 0; i < parts.length; i += 90)
    chunks.push(`concat(${parts.slice(i, i + 90).join(', ')})`)
  return text(chunks.length === 1 ? chunks[0]! : `(${chunks.join(' || ')})`, true)
}

/** CONCAT, LENGTH, LOWER, UPPER, TRIM..., SPLIT, JOIN, REGEXMATCH and the other text functions. */
export const TEXT_FUNCTIONS: SqlFunctionTable = {
  CONCAT: eager(concat),
  LENGTH: onTexts((_ctx, t) => number(`char_length(${t})::double precision`)),
  LOWER: onTexts((_ctx, t) => text(`lower(${t})`)),
  UPPER: onTexts((_ctx, t) => text(`upper(${t})`)),
  TRIM: onTexts((_ctx, t) => text(`btrim(${t}, ${SPACES})`)),
  LTRIM: onTexts((_ctx, t) => text(`ltrim(${t}, ${SPACES})`)),
  RTRIM: onTexts((_ctx, t) => text(`rtrim(${t}, ${SPACES})`)),
  LEFT: side('left'),
  RIGHT: side('right'),
  MID: eager(mid),
  CHARINDEX: eager(charIndex),
  REPLACE: onTexts((_ctx, t, find, replacement) => text(`replace(${t}, ${find}, ${replacement})`)),
  SPLIT: onTexts((ctx, t, sep) => split(ctx, t!, sep!)),
  JOIN: join,
  REPEAT: eager(repeat),
  PROPER: onTexts((ctx, t) => text(proper(ctx, t!))),
  EXACT: onTexts((_ctx, a, b) => bool(`(${a} = ${b})`)),
  STARTSWITH: onTexts((_ctx, t, prefix) => bool(`starts_with(${t}, ${prefix})`)),
  ENDSWITH: onTexts((ctx, t, suffix) =>
    bool(ctx.bind([t!, suffix!], (x, s) => `(right(${x}, char_length(${s})) = ${s})`)),
  ),
  INCLUDES: includes,
  REGEXMATCH: regexMatch,
}
