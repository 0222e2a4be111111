import type { ExpressionNode } from '@basalt/protocol'
import { fail } from '../../../../tools/errors.js'
import type { BasaltError } from '../../../../tools/errors.js'

/** The 1-based column of a node, as error details give it. */
function columnOf(node: ExpressionNode): number {
  return node.span.start + 1
}

/** `expression_type_error` at a node. */
export function typeError(node: ExpressionNode, what: string): BasaltError {
  const position = columnOf(node)
  return fail('expression_type_error', `${what} at column ${position}`, { position })
}

/** `unknown_field` for a dotted name. */
export function unknownField(node: ExpressionNode, field: string): BasaltError {
  const position = columnOf(node)
  return fail('unknown_field', `unknown field '${field}' at column ${position}`, {
    field,
    position,
  })
}

/** `invalid_function_arguments` for a call. */
export function badArguments(node: ExpressionNode, name: string, why: string): BasaltError {
  const position = columnOf(node)
  return fail('invalid_function_arguments', `${name}: ${why} at column ${position}`, {
    function: name,
    position,
  })
}
