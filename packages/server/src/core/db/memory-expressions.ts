import { checkFunctions } from './expressions/check-functions.js'
import { evaluate } from './expressions/evaluate/evaluate.js'
import { isTruthy } from './expressions/evaluate/values.js'
import { parseCached } from './expressions/parse/parse-cached.js'
import type { ExpressionRunner } from './write/expression-runner.js'

const checked = new Set<string>()

/** Runs model expressions (defaults, rules, access rules) with the in-memory evaluator. */
export const memoryExpressions: ExpressionRunner = {
  evaluate(source, object, context) {
    const ast = parseCached(source)
    if (!checked.has(source)) {
      checkFunctions(ast, { inQuery: false })
      if (checked.size > 10_000) checked.clear()
      checked.add(source)
    }
    return evaluate(ast, { this: object, session: { userId: context.userId }, now: context.now })
  },
  isTruthy,
}
