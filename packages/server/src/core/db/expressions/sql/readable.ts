import type { ExpressionNode } from '@basalt/protocol'
import { typeError } from './sql-errors.js'
import type { Val } from './values.js'

/** Refuses values only null tests may read (encrypted-text columns hold ciphertext). */
export function readable(val: Val, node: ExpressionNode): Val {
  if (val.encrypted) throw typeError(node, 'an encrypted-text field can only be tested for null')
  return val
}
