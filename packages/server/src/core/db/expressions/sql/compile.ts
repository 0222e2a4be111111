import type { BinaryNode, ExpressionNode, ListNode, LiteralNode } from '@basalt/protocol'
import { arithmetic, negate } from './arithmetic.js'
import { toJson, truthy, unify } from './coerce.js'
import { equals, ordering } from './compare.js'
import { Ctx } from './context.js'
import { compileCall } from './functions/index.js'
import { literalBinding } from './literal-slots.js'
import { compilePath } from './paths.js'
import { quoteIdent } from './quote.js'
import { readable } from './readable.js'
import type { CompiledSql, SqlParams, SqlScope } from './sql-types.js'
import { boolVal, isScalar, nullOf, pgType } from './values.js'
import type { ScalarType, Val } from './values.js'

/** Compiles an expression to SQL of its value (for sort and group keys, computations). */
export function compileValue(ast: ExpressionNode, scope: SqlScope, params: SqlParams): CompiledSql {
  const ctx = newCtx(scope, params)
  const val = readable(ctx.compile(ast), ast)
  return { sql: ctx.finish(val.sql), type: val.type }
}

/** Compiles an expression to a boolean SQL that is never null: its truthiness (filters). */
export function compileCondition(ast: ExpressionNode, scope: SqlScope, params: SqlParams): string {
  const ctx = newCtx(scope, params)
  return ctx.finish(truthy(ctx, readable(ctx.compile(ast), ast)))
}

/**
 * Compiles an expression to jsonb of its value as clients see it (dates as ISO-8601 text,
 * numbers as JSON numbers, lists and objects as JSON), for computed and grouped results.
 */
export function compileJson(ast: ExpressionNode, scope: SqlScope, params: SqlParams): CompiledSql {
  const ctx = newCtx(scope, params)
  const val = readable(ctx.compile(ast), ast)
  return { sql: ctx.finish(toJson(ctx, val)), type: val.type }
}

/**
 * Compiles an expression to an ORDER BY key in the language's order: texts by code point
 * (`COLLATE "C"`), numbers, dates and booleans as they are, lists and objects as jsonb.
 */
export function compileSort(ast: ExpressionNode, scope: SqlScope, params: SqlParams): string {
  const ctx = newCtx(scope, params)
  const val = readable(ctx.compile(ast), ast)
  if (val.type === 'text' || val.type === 'id') return ctx.finish(`(${val.sql}) COLLATE "C"`)
  // A bare constant in ORDER BY is refused (or read as a column position): cast it.
  if (val.type === 'null') return 'NULL::text'
  if (val.literal) return ctx.finish(`(${val.sql})::${pgType(val.type as ScalarType)}`)
  if (isScalar(val.type)) return ctx.finish(val.sql)
  return ctx.finish(toJson(ctx, val))
}

function newCtx(scope: SqlScope, params: SqlParams): Ctx {
  quoteIdent(scope.alias)
  if (scope.lookup) quoteIdent(scope.lookup.alias)
  return new Ctx(scope, params, compileNode)
}

function compileNode(node: ExpressionNode, ctx: Ctx): Val {
  switch (node.kind) {
    case 'literal':
      return literal(ctx, node)
    case 'list':
      return list(ctx, node)
    case 'path':
      return compilePath(ctx, node)
    case 'call':
      return compileCall(ctx, node)
    case 'unary':
      if (node.op === '!') return boolVal(`(NOT ${truthy(ctx, operand(ctx, node.operand))})`)
      return negate(ctx, node.op, operand(ctx, node.operand), node.operand)
    case 'binary':
      return binary(ctx, node)
  }
}

function operand(ctx: Ctx, node: ExpressionNode): Val {
  return { ...readable(ctx.compile(node), node), node }
}

function binary(ctx: Ctx, node: BinaryNode): Val {
  const a = operand(ctx, node.left)
  const b = operand(ctx, node.right)
  switch (node.op) {
    case '&&':
      return boolVal(`(${truthy(ctx, a)} AND ${truthy(ctx, b)})`)
    case '||':
      return boolVal(`(${truthy(ctx, a)} OR ${truthy(ctx, b)})`)
    case '==':
      return boolVal(equals(ctx, a, b, node))
    case '!=':
      return boolVal(`(NOT ${equals(ctx, a, b, node)})`)
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordering(ctx, node.op, a, b, node)
    default:
      return arithmetic(ctx, node, a, b)
  }
}

/** A literal: a bound parameter (booleans and null are SQL keywords). */
function literal(ctx: Ctx, node: LiteralNode): Val {
  const value = node.value
  if (value === null) return { ...nullOf('null'), node, literal: { value } }
  if (typeof value === 'boolean') {
    return { sql: String(value), type: 'boolean', notNull: true, literal: { value }, node }
  }
  const type = typeof value === 'number' ? 'number' : 'text'
  // While a template compiles, the value is a slot, bound per use (literal-slots.ts).
  const { param, literal } = literalBinding(node, value)
  return { sql: ctx.param(param, pgType(type)), type, notNull: true, literal, node }
}

/** `[a, b, ...]`: a typed array when the items share a scalar type, else a JSON array. */
function list(ctx: Ctx, node: ListNode): Val {
  if (node.items.length === 0) {
    return {
      sql: `'{}'::text[]`,
      type: 'list',
      list: { kind: 'array', elem: 'null' },
      notNull: true,
    }
  }
  const items = node.items.map((item) => operand(ctx, item))
  const literalTypes = new Set(items.map((item) => item.type))
  literalTypes.delete('null')
  if (items.every((item) => item.literal) && literalTypes.size <= 1) {
    const [type = 'null'] = [...literalTypes]
    const elem = type as ScalarType | 'null'
    const values = items.map((item) => item.literal!.value)
    const sql = ctx.param(values, `${pgType(elem)}[]`)
    return { sql, type: 'list', list: { kind: 'array', elem }, notNull: true, constantList: values }
  }
  const unified = unify(ctx, items)
  const type = unified.find((v) => v.type !== 'null')?.type ?? 'null'
  if (isScalar(type) || type === 'null') {
    const elem: ScalarType | 'null' = type === 'null' ? 'null' : type
    const sql = `ARRAY[${unified.map((v) => v.sql).join(', ')}]::${pgType(elem)}[]`
    return { sql, type: 'list', list: { kind: 'array', elem }, notNull: true }
  }
  // jsonb_build_array takes at most 100 arguments.
  const chunks: string[] = []
  for (let i = 0; i < unified.length; i += 90) {
    const items = unified.slice(i, i + 90).map((v) => toJson(ctx, v))
    chunks.push(`jsonb_build_array(${items.join(', ')})`)
  }
  return { sql: `(${chunks.join(' || ')})`, type: 'list', list: { kind: 'json' }, notNull: true }
}
