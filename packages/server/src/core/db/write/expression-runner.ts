/**
 * Runs an expression of the model declaration (default value, rule, rule message, access rule)
 * in memory over one object. The database service builds it from the parser and evaluator.
 */
export interface ExpressionRunner {
  evaluate(
    source: string,
    object: Record<string, unknown>,
    context: { readonly now: Date; readonly userId: string | null },
  ): unknown
  /** The truthiness of a value, as `&&` and filters see it. */
  isTruthy(value: unknown): boolean
}
