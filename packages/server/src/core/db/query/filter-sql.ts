import { EXPRESSION_LIMITS } from '@basalt/protocol'
import { callerUserId } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { parseCached } from '../expressions/parse/parse-cached.js'
import { tokenize } from '../expressions/parse/tokens.js'
import { compileCondition } from '../expressions/sql/compile.js'
import { literalNodes, withLiteralSlots } from '../expressions/sql/literal-slots.js'
import type { SqlParams, SqlScope } from '../expressions/sql/sql-types.js'
import type { ExpressionNode } from '@basalt/protocol'
import { readAccessHook } from './access.js'
import { cachedSql } from './compiled-cache.js'

/** Shapes whose SQL depends on a literal's value (compared with a date, say): kept by text. */
const byValue = new Set<string>()
const BY_VALUE_SIZE = 2000

/** Thrown inside a template compile whose SQL turned out to depend on a literal's value. */
class DependsOnValues extends Error {}

/** An expression's tokens with its number and text literals left out, and those literals. */
export interface ExpressionShape {
  readonly key: string
  readonly literals: readonly (string | number)[]
}

/** The shape of an expression, or undefined when it does not tokenize (its parse then fails). */
export function expressionShape(source: string): ExpressionShape | undefined {
  if (source.length > EXPRESSION_LIMITS.maxLength) return undefined
  let tokens
  try {
    tokens = tokenize(source)
  } catch {
    return undefined
  }
  const parts: string[] = []
  const literals: (string | number)[] = []
  for (const token of tokens) {
    if (token.kind === 'number' || token.kind === 'string') {
      literals.push(token.value)
      parts.push(token.kind === 'number' ? '\u0001#' : '\u0001$')
    } else {
      parts.push(`${token.kind}${token.value}`)
    }
  }
  return { key: parts.join('\u0000'), literals }
}

/**
 * The WHERE condition of a query's filter. Compiled once per `cacheKey` (model, caller kind,
 * lookups) and shape of the expression (its text with the number and text literals taken out),
 * the literals bound per request: filters that differ only in their values (`price < 120`,
 * `price < 480`) share one compile and one SQL text. A shape whose SQL depends on a literal's
 * value (a text compared with a date, an integer with a bigint column) is compiled per text.
 */
export function filterSql(
  context: DataContext,
  scope: SqlScope,
  cacheKey: string,
  expression: string,
  params: SqlParams,
): string {
  const base = `filter\u0000${cacheKey}`
  const userId = callerUserId(context)
  const compile = (ast: ExpressionNode, own: SqlParams, session: string | null) =>
    compileCondition(
      ast,
      { ...scope, session: { userId: session }, readAccess: readAccessHook(context, own, session) },
      own,
    )
  const shape = expressionShape(expression)
  const shapeKey = shape && `${base}\u0000shape\u0000${shape.key}`
  if (shape && shapeKey && !byValue.has(shapeKey)) {
    try {
      return cachedSql(
        shapeKey,
        userId,
        params,
        (own, session) => {
          const ast = parseCached(expression)
          const nodes = literalNodes(ast)
          if (nodes.length !== shape.literals.length) throw new DependsOnValues()
          const slots = new Map<ExpressionNode, number>(nodes.map((node, i) => [node, i]))
          const { result, valueRead } = withLiteralSlots(slots, () => compile(ast, own, session))
          if (valueRead) throw new DependsOnValues()
          return result
        },
        shape.literals,
      )
    } catch (error) {
      if (!(error instanceof DependsOnValues)) throw error
      if (byValue.size >= BY_VALUE_SIZE) byValue.delete(byValue.values().next().value as string)
      byValue.add(shapeKey)
    }
  }
  return cachedSql(`${base}\u0000${expression}`, userId, params, (own, session) =>
    compile(parseCached(expression), own, session),
  )
}
