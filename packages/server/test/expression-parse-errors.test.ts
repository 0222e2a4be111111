import { describe, expect, it } from 'vitest'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { errorOf } from './expression-helpers.js'
import { EXPRESSION_LIMITS } from '@basalt/protocol'

const DEPTH = EXPRESSION_LIMITS.maxDepth

describe('expression syntax errors', () => {
  it.each([
    ['', 'expected an expression but found end of expression at column 1', 1],
    ['   ', 'expected an expression but found end of expression at column 4', 4],
    ['f(a, (b + c)', "expected ',' or ')' but found end of expression at column 13", 13],
    ['(price > 100', "expected ')' but found end of expression at column 13", 13],
    ['(a b)', "expected ')' but found 'b' at column 4", 4],
    ['a b', "expected end of expression but found 'b' at column 3", 3],
    ['a +', 'expected an expression but found end of expression at column 4', 4],
    ['* 2', "expected an expression but found '*' at column 1", 1],
    ['a == == b', "expected an expression but found '==' at column 6", 6],
    ['a ! b', "expected end of expression but found '!' at column 3", 3],
    [')', "expected an expression but found ')' at column 1", 1],
    ['[1, 2', "expected ',' or ']' but found end of expression at column 6", 6],
    ['[1, ]', "expected an expression but found ']' at column 5", 5],
    ['[1 2]', "expected ',' or ']' but found '2' at column 4", 4],
    ['f(1,)', "expected an expression but found ')' at column 5", 5],
    ['f(,1)', "expected an expression but found ',' at column 3", 3],
    ['f(', 'expected an expression but found end of expression at column 3', 3],
    ['a.', "expected a name after '.' but found end of expression at column 3", 3],
    ['a.1', "expected a name after '.' but found '1' at column 3", 3],
    ['a.(b)', "expected a name after '.' but found '(' at column 3", 3],
    ['a.b(1)', "expected end of expression but found '(' at column 4", 4],
    ['12abc', "expected end of expression but found 'abc' at column 3", 3],
    ['1.2.3', "expected end of expression but found '.3' at column 4", 4],
    ["'abc", "expected closing ' but found end of expression at column 5", 5],
    ['"abc\\"', 'expected closing " but found end of expression at column 7', 7],
    ['a # b', 'unexpected character "#" at column 3', 3],
    ['a % 2', 'unexpected character "%" at column 3', 3],
    ['a ? b : c', 'unexpected character "?" at column 3', 3],
    ['a & b', 'unexpected character "&" at column 3', 3],
    ['a | b', 'unexpected character "|" at column 3', 3],
    ['café', 'unexpected character "é" at column 4', 4],
    ['x == 𝄞', 'unexpected character "𝄞" at column 6', 6],
    ['1e', 'expected digits in the exponent at column 3', 3],
    ['1e+x', 'expected digits in the exponent at column 4', 4],
    ['1e999', 'number out of range at column 1', 1],
    ['a === b', "expected an expression but found '=' at column 5", 5],
    ['f(a)(b)', "expected end of expression but found '(' at column 5", 5],
    ['true.x', "expected end of expression but found '.' at column 5", 5],
    [`'${'long text '.repeat(3)}' x`, "expected end of expression but found 'x' at column 34", 34],
    [
      'a == verylongidentifiername_abcdefghij b',
      "expected end of expression but found 'b' at column 40",
      40,
    ],
    [
      'a == b verylongidentifiername_abcdefghij',
      "expected end of expression but found 'verylongidentifierna…' at column 8",
      8,
    ],
  ])('%j', (source, message, position) => {
    expect(errorOf(() => parseExpression(source))).toEqual({
      code: 'expression_syntax_error',
      message,
      details: { position },
    })
  })

  it('refuses a non-text expression', () => {
    expect(errorOf(() => parseExpression(42 as unknown as string)).code).toBe(
      'expression_syntax_error',
    )
  })

  it('refuses more than 4,096 characters before reading them', () => {
    expect(errorOf(() => parseExpression(`'${'x'.repeat(4095)}'`))).toEqual({
      code: 'expression_too_complex',
      message: 'the expression is longer than 4096 characters',
      details: { limit: 4096, length: 4097 },
    })
    expect(errorOf(() => parseExpression('#'.repeat(5000))).code).toBe('expression_too_complex')
  })

  it.each([
    ['parentheses', `${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)}`, 1],
    ['unary operators', `${'!'.repeat(DEPTH)}a`, 1],
    ['calls', `${'f('.repeat(DEPTH)}1${')'.repeat(DEPTH)}`, 1],
    ['lists', `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`, 1],
    [
      'operator chains',
      Array(DEPTH + 1)
        .fill('a')
        .join(' + '),
      1,
    ],
    ['deep unclosed nesting', '('.repeat(2000), DEPTH + 1],
    ['deep unclosed lists', '['.repeat(4000), DEPTH + 1],
    ['unary runs', '-'.repeat(4000), DEPTH + 1],
  ])(`refuses more than ${DEPTH} levels of %s`, (_name, source, position) => {
    const error = errorOf(() => parseExpression(source))
    expect(error.code).toBe('expression_too_complex')
    expect(error.details).toMatchObject({ limit: DEPTH })
    if (position !== 1) expect(error.details).toMatchObject({ position })
  })
})
