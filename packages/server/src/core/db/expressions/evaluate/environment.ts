import type { ExpressionNode } from '@basalt/protocol'
import { fail } from '../../../../tools/errors.js'

/**
 * What `evaluate` is given: the object (`this`: plain objects, lists, Dates, primitives), the
 * session, and the clock (`NOW()`; the current time when absent).
 */
export interface EvaluationContext {
  readonly this: Record<string, unknown>
  readonly session?: { readonly userId: string | null }
  readonly now?: Date
}

/** How many nodes one `evaluate` call may visit (array functions visit their inner one per item). */
export const EVALUATION_STEP_LIMIT = 1_000_000

/** The running state of one evaluation; array functions push the current item. */
export interface Env {
  readonly outer: Record<string, unknown>
  /** The elements of the enclosing array functions, innermost last. */
  readonly items: readonly unknown[]
  readonly userId: string | null
  readonly now: Date
  readonly budget: { steps: number }
}

/** Evaluates one node in an environment. */
export type Run = (node: ExpressionNode, env: Env) => unknown

/** A fresh environment for one evaluation. */
export function rootEnv(context: EvaluationContext): Env {
  return {
    outer: context.this,
    items: [],
    userId: context.session?.userId ?? null,
    now: context.now ?? new Date(),
    budget: { steps: 0 },
  }
}

/** The environment of an array function's inner expression for one element. */
export function withItem(env: Env, item: unknown): Env {
  return { ...env, items: [...env.items, item] }
}

/** Counts one step; past the limit the evaluation stops with expression_too_complex. */
export function step(env: Env): void {
  if (++env.budget.steps > EVALUATION_STEP_LIMIT) {
    throw fail('expression_too_complex', 'the expression takes too many steps to evaluate', {
      limit: EVALUATION_STEP_LIMIT,
    })
  }
}
