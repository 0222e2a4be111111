import { EXPRESSION_LIMITS } from '@basalt/protocol'
import type { ExpressionNode } from '@basalt/protocol'
import { fail } from '../../../../tools/errors.js'
import { Parser } from './parser.js'
import { syntaxError, tokenize } from './tokens.js'

/** Parses an expression into a deeply frozen syntax tree, or throws a 400 BasaltError. */
export function parseExpression(source: string): ExpressionNode {
  if (typeof source !== 'string') throw syntaxError('expected an expression text', 0)
  const { maxLength } = EXPRESSION_LIMITS
  if (source.length > maxLength) {
    throw fail('expression_too_complex', `the expression is longer than ${maxLength} characters`, {
      limit: maxLength,
      length: source.length,
    })
  }
  return deepFreeze(new Parser(source, tokenize(source)).parseAll())
}

function deepFreeze(node: ExpressionNode): ExpressionNode {
  Object.freeze(node.span)
  switch (node.kind) {
    case 'path':
      Object.freeze(node.segments)
      break
    case 'list':
      node.items.forEach(deepFreeze)
      Object.freeze(node.items)
      break
    case 'call':
      node.args.forEach(deepFreeze)
      Object.freeze(node.args)
      break
    case 'unary':
      deepFreeze(node.operand)
      break
    case 'binary':
      deepFreeze(node.left)
      deepFreeze(node.right)
      break
    case 'literal':
      break
  }
  return Object.freeze(node)
}
