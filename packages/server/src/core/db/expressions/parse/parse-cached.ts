import type { ExpressionNode } from '@basalt/protocol'
import { parseExpression } from './parse-expression.js'

/** How many parsed expressions `parseCached` keeps. */
export const PARSE_CACHE_SIZE = 1000

const cache = new Map<string, ExpressionNode>()

/** `parseExpression` with a least-recently-used cache of the last 1,000 sources (errors are not kept). */
export function parseCached(source: string): ExpressionNode {
  const hit = cache.get(source)
  if (hit !== undefined) {
    cache.delete(source)
    cache.set(source, hit)
    return hit
  }
  const node = parseExpression(source)
  if (cache.size >= PARSE_CACHE_SIZE) cache.delete(cache.keys().next().value!)
  cache.set(source, node)
  return node
}
