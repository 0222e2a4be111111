import { EXPRESSION_LIMITS } from '@basalt/protocol'
import type { BinaryOperator, ExpressionNode, SourceSpan, UnaryOperator } from '@basalt/protocol'
import { fail } from '../../../../tools/errors.js'
import { syntaxError } from './tokens.js'
import type { Token } from './tokens.js'

/** A node with the depth of the tree below it (1 for a leaf). */
interface Built {
  readonly node: ExpressionNode
  readonly depth: number
}

// Binary precedence levels, lowest first; every level is left-associative.
const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', '/'],
]
const UNARY: readonly string[] = ['!', '-', '+']
// A Map, not an object literal: `constructor` must not find Object.prototype's.
const KEYWORDS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
])

/** Recursive descent over the token list; `nesting` bounds the recursion before it can grow. */
export class Parser {
  private index = 0
  private nesting = 0

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** Parses the whole token list as one expression. */
  parseAll(): ExpressionNode {
    if (this.peek().kind === 'end') throw this.expected('an expression')
    const built = this.parseLevel(0)
    if (this.peek().kind !== 'end') throw this.expected('end of expression')
    return built.node
  }

  private parseLevel(level: number): Built {
    if (level === LEVELS.length) return this.parseUnary()
    const ops = LEVELS[level]!
    let left = this.parseLevel(level + 1)
    for (let op = this.matchOp(ops); op !== undefined; op = this.matchOp(ops)) {
      const right = this.parseLevel(level + 1)
      const span = { start: left.node.span.start, end: right.node.span.end }
      left = this.build(
        { kind: 'binary', op: op as BinaryOperator, left: left.node, right: right.node, span },
        Math.max(left.depth, right.depth),
      )
    }
    return left
  }

  private parseUnary(): Built {
    const token = this.peek()
    if (token.kind !== 'op' || !UNARY.includes(token.value as string)) return this.parsePrimary()
    this.index++
    const operand = this.nested(token, () => this.parseUnary())
    const span = { start: token.start, end: operand.node.span.end }
    const op = token.value as UnaryOperator
    return this.build({ kind: 'unary', op, operand: operand.node, span }, operand.depth)
  }

  private parsePrimary(): Built {
    const token = this.peek()
    if (token.kind === 'number' || token.kind === 'string') {
      this.index++
      return this.leaf({ kind: 'literal', value: token.value, span: spanOf(token) })
    }
    if (token.kind === 'ident') return this.parseName(token)
    if (token.value === '(') return this.parseGroup(token)
    if (token.value === '[') return this.parseList(token)
    throw this.expected('an expression')
  }

  private parseName(token: Token): Built {
    this.index++
    const name = token.value as string
    if (this.peek().value === '(' && this.peek().kind === 'op') return this.parseCall(token)
    const keyword = KEYWORDS.get(name.toLowerCase())
    if (keyword !== undefined)
      return this.leaf({ kind: 'literal', value: keyword, span: spanOf(token) })
    const segments = [name]
    let end = token.end
    while (this.peek().kind === 'op' && this.peek().value === '.') {
      this.index++
      const part = this.peek()
      if (part.kind !== 'ident') throw this.expected("a name after '.'")
      this.index++
      segments.push(part.value as string)
      end = part.end
    }
    return this.leaf({ kind: 'path', segments, span: { start: token.start, end } })
  }

  private parseCall(name: Token): Built {
    this.index++ // (
    const { items, depth, end } = this.nested(name, () => this.parseItems(')'))
    const node: ExpressionNode = {
      kind: 'call',
      name: (name.value as string).toUpperCase(),
      args: items,
      span: { start: name.start, end },
    }
    return this.build(node, depth)
  }

  private parseList(open: Token): Built {
    this.index++
    const { items, depth, end } = this.nested(open, () => this.parseItems(']'))
    return this.build({ kind: 'list', items, span: { start: open.start, end } }, depth)
  }

  /** `( expr )`: the inner node, its span widened to the parentheses, one level deeper. */
  private parseGroup(open: Token): Built {
    this.index++
    const inner = this.nested(open, () => this.parseLevel(0))
    const close = this.expect(')')
    const node = { ...inner.node, span: { start: open.start, end: close.end } }
    return this.build(node, inner.depth)
  }

  /** Comma-separated expressions up to `close` (consumed). */
  private parseItems(close: string): { items: ExpressionNode[]; depth: number; end: number } {
    const items: ExpressionNode[] = []
    let depth = 0
    if (!this.isOp(close)) {
      do {
        const item = this.parseLevel(0)
        items.push(item.node)
        depth = Math.max(depth, item.depth)
      } while (this.matchOp([',']) !== undefined)
    }
    const end = this.expect(close, items.length > 0 ? `',' or '${close}'` : undefined).end
    return { items, depth, end }
  }

  private nested<T>(at: Token, parse: () => T): T {
    if (++this.nesting > EXPRESSION_LIMITS.maxDepth) throw tooDeep(at.start)
    const result = parse()
    this.nesting--
    return result
  }

  private build(node: ExpressionNode, childDepth: number): Built {
    const depth = childDepth + 1
    if (depth > EXPRESSION_LIMITS.maxDepth) throw tooDeep(node.span.start)
    return { node, depth }
  }

  private leaf(node: ExpressionNode): Built {
    return { node, depth: 1 }
  }

  private peek(): Token {
    return this.tokens[this.index]!
  }

  private isOp(value: string): boolean {
    const token = this.peek()
    return token.kind === 'op' && token.value === value
  }

  private matchOp(ops: readonly string[]): string | undefined {
    const token = this.peek()
    if (token.kind !== 'op' || !ops.includes(token.value as string)) return undefined
    this.index++
    return token.value as string
  }

  private expect(value: string, what = `'${value}'`): Token {
    const token = this.peek()
    if (token.kind !== 'op' || token.value !== value) throw this.expected(what)
    this.index++
    return token
  }

  private expected(what: string): Error {
    const token = this.peek()
    return syntaxError(`expected ${what} but found ${this.describe(token)}`, token.start)
  }

  private describe(token: Token): string {
    if (token.kind === 'end') return 'end of expression'
    if (token.kind === 'string') return 'a text'
    const text = this.source.slice(token.start, token.end)
    return `'${text.length > 20 ? `${text.slice(0, 20)}…` : text}'`
  }
}

function spanOf(token: Token): SourceSpan {
  return { start: token.start, end: token.end }
}

function tooDeep(offset: number): Error {
  const { maxDepth } = EXPRESSION_LIMITS
  return fail('expression_too_complex', `the expression nests deeper than ${maxDepth} levels`, {
    limit: maxDepth,
    position: offset + 1,
  })
}
