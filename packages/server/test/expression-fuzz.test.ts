import { describe, expect, it } from 'vitest'
import { checkFunctions } from '../src/core/db/expressions/check-functions.js'
import { evaluate } from '../src/core/db/expressions/evaluate/evaluate.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { isBasaltError } from '../src/tools/errors.js'
import type { ExpressionNode } from '@basalt/protocol'
import { NOW } from './expression-helpers.js'

/** mulberry32: a small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  ...'()[],.+-*/!<>=&|\'"\\ \t\n0123456789.eEabxyz_$#%?:é𝄞\u0000',
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  'true',
  'null',
  'this.',
  'IF(',
  'SIZE(',
  'f(',
  '1e9',
  "'x'",
]

const SEEDS = [
  'EXISTS(product) && product.qtyInStock > 0',
  'IN(["a","b"], this._id)',
  "createdAt > '2022-10-01T00:00:00Z' && this.author == 'u1'",
  "(INCLUDES(this.user.name, 'q') || INCLUDES(this.name, 'q'))",
  "TOTEXT(day(this.createdAt)) + '-' + TOTEXT(month(this.createdAt))",
  "IF(a > 1, [1, 2.5e3], MAX(1, ABS(-2))) + 'x' / .5",
  'ANYITEMTRUE(items, price * qty > 10 && !EXISTS(item.deleted))',
  'DATEADD(NOW(), 5, "days") <= DATE(2022, 5, 1, 0, 0, 0)',
  "REGEXMATCH(name, '^a.*b$', 'i') || SPLIT('a,b', ',') == ['a', 'b']",
]

const pick = <T>(next: () => number, list: readonly T[]): T =>
  list[Math.floor(next() * list.length)]!

function randomSource(next: () => number): string {
  let text = ''
  const length = Math.floor(next() * 40)
  for (let i = 0; i < length; i++) text += pick(next, PIECES)
  return text
}

function mutate(next: () => number, source: string): string {
  let text = source
  const edits = 1 + Math.floor(next() * 4)
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (text.length + 1))
    const choice = next()
    if (choice < 0.35) text = text.slice(0, at) + pick(next, PIECES) + text.slice(at)
    else if (choice < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3))
    else if (choice < 0.85) text = text.slice(0, at) + pick(next, PIECES) + text.slice(at + 1)
    else text = text.slice(0, at) + text.slice(Math.floor(next() * text.length))
  }
  return text
}

function isDeepFrozen(node: ExpressionNode): boolean {
  if (!Object.isFrozen(node) || !Object.isFrozen(node.span)) return false
  switch (node.kind) {
    case 'call':
      return Object.isFrozen(node.args) && node.args.every(isDeepFrozen)
    case 'list':
      return Object.isFrozen(node.items) && node.items.every(isDeepFrozen)
    case 'unary':
      return isDeepFrozen(node.operand)
    case 'binary':
      return isDeepFrozen(node.left) && isDeepFrozen(node.right)
    case 'path':
      return Object.isFrozen(node.segments)
    case 'literal':
      return true
  }
}

/** Runs `fn`; anything thrown must be a 4xx BasaltError. */
function only4xx(source: string, fn: () => void): 'ok' | 'error' {
  try {
    fn()
    return 'ok'
  } catch (error) {
    if (!isBasaltError(error) || error.status < 400 || error.status >= 500) {
      throw new Error(`${JSON.stringify(source)} threw ${String(error)}`)
    }
    return 'error'
  }
}

const OBJECT = { a: 2, b: 'x', items: [{ price: 2, qty: 9 }], name: 'ab', createdAt: NOW }

describe('expression fuzz', () => {
  it('parses 20,000 random and mutated sources into frozen trees or 4xx errors', () => {
    const next = random(20240229)
    const outcomes = { ok: 0, error: 0 }
    for (let i = 0; i < 20_000; i++) {
      const source = i % 2 === 0 ? randomSource(next) : mutate(next, pick(next, SEEDS))
      let ast: ExpressionNode | undefined
      outcomes[only4xx(source, () => (ast = parseExpression(source)))]++
      if (ast === undefined) continue
      expect(isDeepFrozen(ast)).toBe(true)
      const tree = ast
      only4xx(source, () => checkFunctions(tree, { inQuery: true }))
      only4xx(source, () => evaluate(tree, { this: OBJECT, now: NOW }))
    }
    expect(outcomes.ok).toBeGreaterThan(2000)
    expect(outcomes.error).toBeGreaterThan(2000)
  })

  it('survives pathological sizes', () => {
    const sources = [
      '('.repeat(4096),
      `${'f('.repeat(2000)}`,
      `${'['.repeat(1000)}${']'.repeat(1000)}`,
      '!'.repeat(4096),
      `'${'\\'.repeat(4000)}'`,
      Array(2048).fill('1').join('+'),
      'a.'.repeat(2000) + 'b',
    ]
    for (const source of sources) only4xx(source, () => parseExpression(source))
  })
})
