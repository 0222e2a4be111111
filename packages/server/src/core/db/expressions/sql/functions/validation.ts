import { VALIDATION_PATTERNS } from '../../evaluate/functions/validation.js'
import { jsonNumber, textArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { isListLike } from '../lists.js'
import { readable } from '../readable.js'
import { boolVal } from '../values.js'
import type { Val } from '../values.js'
import { isNotNull } from './logical.js'
import { eager } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

/** A boolean that is never null: `CASE WHEN test THEN true ELSE false END`. */
const always = (test: string): Val => boolVal(`coalesce(${test}, false)`)

/** A text pattern test (the evaluator's patterns, bound as parameters). */
function matches(pattern: RegExp): SqlFunction {
  return eager((ctx, [value]) => {
    const t = textArg(ctx, value!)
    if (t.type === 'null') return boolVal('false')
    return always(`(${t.sql} ~ ${ctx.param(pattern.source, 'text')})`)
  })
}

/** A test of the static type, or of the JSON type for JSON values. */
function isType(types: Val['type'][], jsonType: string | undefined): SqlFunction {
  return eager((_ctx, [value]) => {
    if (types.includes(value!.type)) return boolVal(isNotNull(value!))
    if (value!.type === 'unknown' && jsonType)
      return always(`(jsonb_typeof(${value!.sql}) = '${jsonType}')`)
    return boolVal('false')
  })
}

function isInteger(ctx: Ctx, [value]: Val[]): Val {
  if (value!.type === 'number') return always(ctx.bind([value!.sql], (n) => `(${n} = trunc(${n}))`))
  if (value!.type !== 'unknown') return boolVal('false')
  return always(ctx.bind([jsonNumber(ctx, value!.sql)], (n) => `(${n} = trunc(${n}))`))
}

function isEmpty(ctx: Ctx, value: Val): Val {
  switch (value.type) {
    case 'null':
      return boolVal('true')
    case 'text':
    case 'id':
      return boolVal(`coalesce(${value.sql} = '', true)`)
    case 'unknown':
      return boolVal(
        ctx.bind([value.sql], (j) => `(${j} IS NULL OR ${j} = '""'::jsonb OR ${j} = '[]'::jsonb)`),
      )
    default:
      if (isListLike(value)) {
        const repr = value.list
        if (repr?.kind === 'rel' || repr?.kind === 'json') {
          return boolVal(
            ctx.bind([value.sql], (j) => `coalesce(jsonb_array_length(${j}) = 0, true)`),
          )
        }
        return boolVal(`coalesce(cardinality(${value.sql}) = 0, true)`)
      }
      return boolVal(`(NOT ${isNotNull(value)})`)
  }
}

/** ISEMAIL ... ISEMPTY: always a boolean, false for null (ISNULL and ISEMPTY aside). */
export const VALIDATION_FUNCTIONS: SqlFunctionTable = {
  ISEMAIL: matches(VALIDATION_PATTERNS.email),
  ISURL: matches(VALIDATION_PATTERNS.url),
  ISPHONE: matches(VALIDATION_PATTERNS.phone),
  ISNUMBER: isType(['number'], 'number'),
  ISINTEGER: eager(isInteger),
  ISTEXT: isType(['text', 'id'], 'string'),
  ISDATE: isType(['date'], undefined),
  ISBOOLEAN: isType(['boolean'], 'boolean'),
  ISARRAY: isType(['list', 'geo'], 'array'),
  ISOBJECT: isType(['object'], 'object'),
  ISID: matches(VALIDATION_PATTERNS.id),
  ISNULL: (ctx, call) => boolVal(`(NOT ${isNotNull(ctx.compile(call.args[0]!))})`),
  ISEMPTY: (ctx, call) => isEmpty(ctx, readable(ctx.compile(call.args[0]!), call.args[0]!)),
}
