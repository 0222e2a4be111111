import { describe, expect, it } from 'vitest'
import { checkFunctions } from '../src/core/db/expressions/check-functions.js'
import { FUNCTION_IMPLEMENTATIONS } from '../src/core/db/expressions/evaluate/functions/index.js'
import { FUNCTIONS } from '../src/core/db/expressions/function-catalog.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { errorOf, run } from './expression-helpers.js'

const check =
  (source: string, inQuery = false) =>
  () =>
    checkFunctions(parseExpression(source), { inQuery })

describe('checkFunctions', () => {
  it('accepts known names in any case, aliases, and every arity in range', () => {
    expect(check('year(x) + Len(t) + IFNULL(a, 1) + SUM(1) + SUM(1, 2, 3, 4, 5)')).not.toThrow()
    expect(check('IFS(a, 1, b, 2) && SWITCH(x, 1, 2) && SWITCH(x, 1, 2, 3)')).not.toThrow()
    expect(check('NOW() < DATE(2022, 5, 1) && ROUND(1) + ROUND(1, 2)', true)).not.toThrow()
  })

  it.each([
    ['nosuch(1)', 'unknown_function', "unknown function 'NOSUCH' at column 1", 'NOSUCH', 1],
    ['a + [f()]', 'unknown_function', "unknown function 'F' at column 6", 'F', 6],
    [
      'IF(a, b)',
      'invalid_function_arguments',
      'IF takes 3 arguments but got 2 at column 1',
      'IF',
      1,
    ],
    [
      'x || not()',
      'invalid_function_arguments',
      'NOT takes 1 argument but got 0 at column 6',
      'NOT',
      6,
    ],
    [
      'and(a)',
      'invalid_function_arguments',
      'AND takes at least 2 arguments but got 1 at column 1',
      'AND',
      1,
    ],
    [
      '-round(1, 2, 3)',
      'invalid_function_arguments',
      'ROUND takes 1 to 2 arguments but got 3 at column 2',
      'ROUND',
      2,
    ],
    [
      'now(1)',
      'invalid_function_arguments',
      'NOW takes 0 arguments but got 1 at column 1',
      'NOW',
      1,
    ],
    ['len()', 'invalid_function_arguments', 'LEN takes 1 argument but got 0 at column 1', 'LEN', 1],
    [
      'IFS(a, 1, b)',
      'invalid_function_arguments',
      'IFS takes an even number of arguments (condition, value pairs) but got 3 at column 1',
      'IFS',
      1,
    ],
    [
      'SIZE(x, BAD(1))',
      'invalid_function_arguments',
      'SIZE takes 1 argument but got 2 at column 1',
      'SIZE',
      1,
    ],
  ])('%s', (source, code, message, fn, position) => {
    expect(errorOf(check(source))).toEqual({ code, message, details: { function: fn, position } })
  })

  it('refuses memory-only functions in queries only', () => {
    expect(check('RAND() < 0.5')).not.toThrow()
    expect(errorOf(check('a && rand() < 0.5', true))).toEqual({
      code: 'function_not_allowed_in_query',
      message: 'RAND cannot run inside a query, at column 6',
      details: { function: 'RAND', position: 6 },
    })
  })

  it('is also enforced by the evaluator', () => {
    expect(errorOf(() => run('nosuch(1)')).code).toBe('unknown_function')
    expect(errorOf(() => run('IF(1, 2)')).code).toBe('invalid_function_arguments')
  })
})

describe('the evaluator and the catalog', () => {
  it('implements every catalog function, and nothing else', () => {
    expect([...FUNCTION_IMPLEMENTATIONS.keys()].sort()).toEqual([...FUNCTIONS.keys()].sort())
  })

  it('runs every function at its smallest arity without throwing', () => {
    for (const spec of FUNCTIONS.values()) {
      const args = Array(Math.max(spec.minArgs, 0)).fill('null')
      if (spec.name === 'IFS' || spec.name === 'SWITCH') continue
      expect(() => run(`${spec.name}(${args.join(', ')})`), spec.name).not.toThrow()
    }
  })
})
