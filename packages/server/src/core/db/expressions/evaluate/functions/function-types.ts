import type { ExpressionNode } from '@basalt/protocol'
import type { Env, Run } from '../environment.js'

/** A function given its evaluated arguments. */
export type EagerFunction = (args: unknown[], env: Env) => unknown

/** A function that evaluates its own arguments (IF, AND, the array functions...). */
export interface LazyFunction {
  readonly lazy: (args: readonly ExpressionNode[], env: Env, run: Run) => unknown
}

/** One implementation, by canonical catalog name. */
export type FunctionImplementation = EagerFunction | LazyFunction

/** Implementations of one category, by canonical name. */
export type FunctionTable = Readonly<Record<string, FunctionImplementation>>
