import type { ExpressionNode, LiteralNode } from '@basalt/protocol'

/**
 * Stands for the n-th number or text literal of an expression (in source order) among the bound
 * values of SQL compiled as a template: each use binds that literal's value in its place.
 */
export class LiteralSlot {
  constructor(readonly index: number) {}
}

interface Template {
  readonly slots: ReadonlyMap<ExpressionNode, number>
  valueRead: boolean
}

let active: Template | undefined

/**
 * The number and text literals of a parsed expression in source order (its tokens' order): a
 * left-to-right walk, since every node's children appear in the source in order.
 */
export function literalNodes(ast: ExpressionNode, into: LiteralNode[] = []): LiteralNode[] {
  switch (ast.kind) {
    case 'literal':
      if (typeof ast.value === 'number' || typeof ast.value === 'string') into.push(ast)
      break
    case 'list':
      for (const item of ast.items) literalNodes(item, into)
      break
    case 'call':
      for (const arg of ast.args) literalNodes(arg, into)
      break
    case 'unary':
      literalNodes(ast.operand, into)
      break
    case 'binary':
      literalNodes(ast.left, into)
      literalNodes(ast.right, into)
      break
    case 'path':
      break
  }
  return into
}

/**
 * Runs `compile` (synchronous) with the given literals bound as LiteralSlot values; answers its
 * result and whether the compile looked at any of their values (then its SQL may depend on them,
 * and it is no template).
 */
export function withLiteralSlots<T>(
  slots: ReadonlyMap<ExpressionNode, number>,
  compile: () => T,
): { result: T; valueRead: boolean } {
  const outer = active
  const template: Template = { slots, valueRead: false }
  active = template
  try {
    const result = compile()
    return { result, valueRead: template.valueRead }
  } finally {
    active = outer
  }
}

/**
 * How a number or text literal is bound: its value, or its slot while a template compiles, and
 * the `literal` a compiled value carries, whose reads are noted then.
 */
export function literalBinding(
  node: LiteralNode,
  value: string | number,
): { param: unknown; literal: { readonly value: string | number } } {
  const template = active
  const slot = template?.slots.get(node)
  if (template === undefined || slot === undefined) return { param: value, literal: { value } }
  return {
    param: new LiteralSlot(slot),
    literal: {
      get value() {
        template.valueRead = true
        return value
      },
    },
  }
}
