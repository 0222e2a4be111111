import type { ExpressionNode } from '@basalt/protocol'
import { evaluate } from '../src/core/db/expressions/evaluate/evaluate.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { isBasaltError } from '../src/tools/errors.js'

/** A compact text form of a tree: `(1 + (2 * 3))`, `F(a.b, [1, 'x'])`, `(- x)`. */
export function show(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value)
    case 'path':
      return node.segments.join('.')
    case 'list':
      return `[${node.items.map(show).join(', ')}]`
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`
    case 'unary':
      return `(${node.op} ${show(node.operand)})`
    case 'binary':
      return `(${show(node.left)} ${node.op} ${show(node.right)})`
  }
}

/** The error a function throws, as `{code, message, details}`; fails when it throws nothing. */
export function errorOf(fn: () => unknown): { code: string; message: string; details: unknown } {
  try {
    fn()
  } catch (error) {
    if (!isBasaltError(error)) throw error
    return { code: error.code, message: error.message, details: error.details }
  }
  throw new Error('expected an error')
}

/** The fixed clock of evaluator tests: 2024-02-29T13:45:30.250Z (a Thursday). */
export const NOW = new Date('2024-02-29T13:45:30.250Z')

/** Parses and evaluates `source` over `object` at NOW, with an optional signed-in user. */
export function run(
  source: string,
  object: Record<string, unknown> = {},
  userId?: string,
): unknown {
  const session = userId === undefined ? undefined : { userId }
  return evaluate(parseExpression(source), { this: object, now: NOW, session })
}

/** A UTC date from ISO text. */
export const d = (iso: string): Date => new Date(iso)
