import type { ExpressionNode } from '@basalt/protocol'
import { resolveCall } from '../check-functions.js'
import { rootEnv, step } from './environment.js'
import type { Env, EvaluationContext } from './environment.js'
import { FUNCTION_IMPLEMENTATIONS } from './functions/index.js'
import { applyBinary, applyUnary } from './operators.js'
import { resolvePath } from './paths.js'
import { isTruthy } from './values.js'

export type { EvaluationContext } from './environment.js'
export { EVALUATION_STEP_LIMIT } from './environment.js'
export { isTruthy, parseIsoDate, valueTypeOf } from './values.js'

/**
 * Runs a parsed expression in memory over `context.this` (docs/expressions.md). Type errors at
 * run time give null; unknown functions and wrong argument counts throw as `checkFunctions` does.
 */
export function evaluate(ast: ExpressionNode, context: EvaluationContext): unknown {
  return run(ast, rootEnv(context))
}

function run(node: ExpressionNode, env: Env): unknown {
  step(env)
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'path':
      return resolvePath(node.segments, env)
    case 'list':
      return node.items.map((item) => run(item, env))
    case 'unary':
      return applyUnary(node.op, run(node.operand, env))
    case 'binary':
      if (node.op === '&&') return isTruthy(run(node.left, env)) && isTruthy(run(node.right, env))
      if (node.op === '||') return isTruthy(run(node.left, env)) || isTruthy(run(node.right, env))
      return applyBinary(node.op, run(node.left, env), run(node.right, env))
    case 'call': {
      const spec = resolveCall(node)
      const impl = FUNCTION_IMPLEMENTATIONS.get(spec.name)!
      if (typeof impl !== 'function') return impl.lazy(node.args, env, run)
      return impl(
        node.args.map((arg) => run(arg, env)),
        env,
      )
    }
  }
}
