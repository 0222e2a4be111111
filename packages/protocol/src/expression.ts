/**
 * The abstract syntax tree of Basalt's expression language (docs/expressions.md): the Altogic
 * filter, lookup, group, computation, default-value and validation-rule expressions. The parser
 * produces it frozen; the server rewrites and compiles it, and never pastes source text into SQL.
 */

/** Where a node came from in the source: 0-based offsets, `end` exclusive. */
export interface SourceSpan {
  readonly start: number
  readonly end: number
}

/** Binary operators, in the grammar's precedence order (lowest first). */
export type BinaryOperator =
  '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/'

/** Unary operators. */
export type UnaryOperator = '!' | '-' | '+'

/** `true`, `false`, `null`, a number or a quoted string. */
export interface LiteralNode {
  readonly kind: 'literal'
  readonly value: string | number | boolean | null
  readonly span: SourceSpan
}

/** `[a, b, ...]`: a list (or a geo point `[lng, lat]`). */
export interface ListNode {
  readonly kind: 'list'
  readonly items: readonly ExpressionNode[]
  readonly span: SourceSpan
}

/** A dotted name: `price`, `this.title`, `lookup._id`, `session.userId` (segments as written). */
export interface PathNode {
  readonly kind: 'path'
  readonly segments: readonly string[]
  readonly span: SourceSpan
}

/** A function call; `name` is upper-cased (function names are case-insensitive). */
export interface CallNode {
  readonly kind: 'call'
  readonly name: string
  readonly args: readonly ExpressionNode[]
  readonly span: SourceSpan
}

export interface UnaryNode {
  readonly kind: 'unary'
  readonly op: UnaryOperator
  readonly operand: ExpressionNode
  readonly span: SourceSpan
}

export interface BinaryNode {
  readonly kind: 'binary'
  readonly op: BinaryOperator
  readonly left: ExpressionNode
  readonly right: ExpressionNode
  readonly span: SourceSpan
}

/** Any node of an expression. */
export type ExpressionNode = LiteralNode | ListNode | PathNode | CallNode | UnaryNode | BinaryNode

/** Named limits on expressions, enforced by the parser. */
export const EXPRESSION_LIMITS = {
  /** Characters in one expression string. */
  maxLength: 4096,
  /** Nesting of parentheses, lists, calls and operators. */
  maxDepth: 128,
} as const
