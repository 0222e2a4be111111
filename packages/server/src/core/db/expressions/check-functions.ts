import type { CallNode, ExpressionNode } from '@basalt/protocol'
import { fail } from '../../../tools/errors.js'
import { findFunction } from './function-catalog.js'
import type { FunctionSpec } from './function-catalog.js'

/** Where an expression runs: `inQuery` refuses the functions marked memory only. */
export interface CheckOptions {
  readonly inQuery: boolean
}

/**
 * Checks every call of a tree against the catalog: unknown_function, invalid_function_arguments
 * (count, and IFS's pairs), function_not_allowed_in_query when `inQuery` meets a memory-only one.
 */
export function checkFunctions(ast: ExpressionNode, options: CheckOptions): void {
  switch (ast.kind) {
    case 'call':
      checkCall(ast, options)
      for (const arg of ast.args) checkFunctions(arg, options)
      return
    case 'list':
      for (const item of ast.items) checkFunctions(item, options)
      return
    case 'unary':
      checkFunctions(ast.operand, options)
      return
    case 'binary':
      checkFunctions(ast.left, options)
      checkFunctions(ast.right, options)
      return
    case 'literal':
    case 'path':
      return
  }
}

/** The catalog entry of a call, after checking its name and argument count. */
export function resolveCall(call: CallNode): FunctionSpec {
  const spec = findFunction(call.name)
  const details = { function: call.name, position: call.span.start + 1 }
  if (spec === undefined) {
    throw fail(
      'unknown_function',
      `unknown function '${call.name}' at column ${details.position}`,
      details,
    )
  }
  const count = call.args.length
  if (count < spec.minArgs || count > spec.maxArgs || (spec.name === 'IFS' && count % 2 !== 0)) {
    const message = `${call.name} takes ${arityText(spec)} but got ${count} at column ${details.position}`
    throw fail('invalid_function_arguments', message, details)
  }
  return spec
}

function checkCall(call: CallNode, options: CheckOptions): void {
  const spec = resolveCall(call)
  if (options.inQuery && spec.memoryOnly) {
    const position = call.span.start + 1
    const message = `${call.name} cannot run inside a query, at column ${position}`
    throw fail('function_not_allowed_in_query', message, { function: call.name, position })
  }
}

/** `1 argument`, `2 to 3 arguments`, `at least 2 arguments`, `an even number of arguments`. */
function arityText(spec: FunctionSpec): string {
  if (spec.name === 'IFS') return 'an even number of arguments (condition, value pairs)'
  const noun = (n: number): string => (n === 1 ? 'argument' : 'arguments')
  if (spec.minArgs === spec.maxArgs) return `${spec.minArgs} ${noun(spec.minArgs)}`
  if (spec.maxArgs === Infinity) return `at least ${spec.minArgs} ${noun(spec.minArgs)}`
  return `${spec.minArgs} to ${spec.maxArgs} arguments`
}
