import type { CallNode } from '@basalt/protocol'
import { fail } from '../../../../../tools/errors.js'
import { resolveCall } from '../../check-functions.js'
import type { Ctx } from '../context.js'
import type { Val } from '../values.js'
import { ARRAY_FUNCTIONS } from './array.js'
import { CONVERSION_FUNCTIONS } from './conversion.js'
import { DATE_FUNCTIONS } from './date.js'
import { GEO_FUNCTIONS } from './geo.js'
import { LIST_FUNCTIONS } from './list.js'
import { LOGICAL_FUNCTIONS } from './logical.js'
import { MATH_FUNCTIONS } from './math.js'
import { OBJECT_FUNCTIONS } from './object.js'
import { SET_FUNCTIONS } from './sets.js'
import { TEXT_FUNCTIONS } from './text.js'
import type { SqlFunction } from './types.js'
import { VALIDATION_FUNCTIONS } from './validation.js'

/** The SQL form of every function that can run in a query, by canonical catalog name. */
export const SQL_FUNCTIONS: ReadonlyMap<string, SqlFunction> = new Map(
  Object.entries({
    ...LOGICAL_FUNCTIONS,
    ...TEXT_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...ARRAY_FUNCTIONS,
    ...LIST_FUNCTIONS,
    ...SET_FUNCTIONS,
    ...OBJECT_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
    ...VALIDATION_FUNCTIONS,
    ...GEO_FUNCTIONS,
  }),
)

/**
 * Compiles a call: unknown_function and invalid_function_arguments as the catalog says,
 * function_not_allowed_in_query for a memory-only function.
 */
export function compileCall(ctx: Ctx, call: CallNode): Val {
  const spec = resolveCall(call)
  const impl = SQL_FUNCTIONS.get(spec.name)
  if (spec.memoryOnly || !impl) {
    const position = call.span.start + 1
    const message = `${call.name} cannot run inside a query, at column ${position}`
    throw fail('function_not_allowed_in_query', message, { function: call.name, position })
  }
  return impl(ctx, call)
}
