/** The `expression` and `options` of a list body, in this key order. */
export interface ListArguments<O> {
  expression: string | null
  options: O | null
}

/**
 * The published argument juggling of `listBuckets` and `listFiles`: an object in place of the
 * expression is the options (the expression is then `null`); an `options` object given after
 * it wins. Falsy or other values become `null`.
 */
export function listArguments<O extends object>(
  expression: string | O | null | undefined,
  options: O | null | undefined,
): ListArguments<O> {
  let expressionValue: string | null = null
  let optionsValue: O | null = null
  if (expression && typeof expression === 'string') expressionValue = expression
  else if (expression && typeof expression === 'object') optionsValue = expression
  if (options && typeof options === 'object') optionsValue = options
  return { expression: expressionValue, options: optionsValue }
}
