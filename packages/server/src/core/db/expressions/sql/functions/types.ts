import type { CallNode, ExpressionNode } from '@basalt/protocol'
import { readable } from '../readable.js'
import type { Ctx } from '../context.js'
import type { Val } from '../values.js'

/** The SQL form of one function: compiles its own arguments (some in an element's scope). */
export type SqlFunction = (ctx: Ctx, call: CallNode) => Val

/** Functions of one category, by canonical name. */
export type SqlFunctionTable = Readonly<Record<string, SqlFunction>>

/** Compiles one argument (encrypted-text columns refused). */
export function arg(ctx: Ctx, node: ExpressionNode): Val {
  return { ...readable(ctx.compile(node), node), node }
}

/** Compiles every argument. */
export function args(ctx: Ctx, call: CallNode): Val[] {
  return call.args.map((node) => arg(ctx, node))
}

/** A function of already compiled arguments. */
export function eager(fn: (ctx: Ctx, values: Val[], call: CallNode) => Val): SqlFunction {
  return (ctx, call) => fn(ctx, args(ctx, call), call)
}
