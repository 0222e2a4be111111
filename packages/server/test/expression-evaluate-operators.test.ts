import { describe, expect, it } from 'vitest'
import { evaluate } from '../src/core/db/expressions/evaluate/evaluate.js'
import { isTruthy, valueTypeOf } from '../src/core/db/expressions/evaluate/values.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { NOW, d, errorOf, run } from './expression-helpers.js'

const OBJ = {
  n: 5,
  zero: 0,
  s: 'abc',
  empty: '',
  t: true,
  f: false,
  nil: null,
  day: d('2024-01-15T00:00:00.000Z'),
  list: [1, 2],
  obj: { a: { b: 'deep' }, n: null },
}

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 / 2', 3.5],
    ['1 - 2 - 3', -4],
    ['-n + +n', 0],
    ['0.1 + 0.2', 0.30000000000000004],
    ['n / 0', null],
    ['0 / 0', null],
    ['-0 * 1', 0],
    ['1e308 * 10', null],
    ['n + nil', null],
    ['nil * 2', null],
    ['missing - 1', null],
    ['-nil', null],
    ["-'x'", null],
    ["+'12'", null],
    ["'a' * 2", null],
    ['t + 1', null],
    ["'a' + 'b'", 'ab'],
    ["'Result : ' + (10 * 5 + 100)", 'Result : 150'],
    ["1.50 + ''", '1.5'],
    ["'' + 2.0", '2'],
    ["'x' + 1e21", 'x1e+21'],
    ["'x' + -0.5", 'x-0.5'],
    ["'é' + '𝄞'", 'é𝄞'],
    ['s + t', null],
    ['s + nil', null],
    ['s + day', null],
    ["s - 'a'", null],
    ['day + 1', d('2024-01-16T00:00:00.000Z')],
    ['1 + day', d('2024-01-16T00:00:00.000Z')],
    ['day + 0.5', d('2024-01-15T12:00:00.000Z')],
    ['day - 15', d('2023-12-31T00:00:00.000Z')],
    ['day - day', 0],
    ['NOW() - day', NOW.getTime() - d('2024-01-15T00:00:00.000Z').getTime()],
    ['day + day', null],
    ['1 - day', null],
    ['day * 2', null],
    ['day + 4000000', null],
    ["'2024-01-15' + 1", '2024-01-151'],
  ])('%s', (source, expected) => {
    expect(run(source, OBJ)).toEqual(expected)
  })
})

describe('equality and ordering', () => {
  it.each([
    ['null == null', true],
    ['nil == missing', true],
    ['nil == 0', false],
    ['nil != 0', true],
    ['0 == nil', false],
    ["'' == nil", false],
    ["1 == '1'", false],
    ['t == 1', false],
    ['1.0 == 1', true],
    ["s == 'abc'", true],
    ["s == 'ABC'", false],
    ["day == '2024-01-15T00:00:00Z'", true],
    ["day == '2024-01-15'", true],
    ["'2024-01-15T01:00:00+01:00' == day", true],
    ["day == 'soon'", false],
    ["day != 'soon'", true],
    ['day == 1705276800000', false],
    ['list == [1, 2]', true],
    ['list == [2, 1]', false],
    ['[1, [2, "x"]] == [1, [2, "x"]]', true],
    ['obj == obj', true],
    ['list == 1', false],
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 >= 3', false],
    ["'a' < 'b'", true],
    ["'B' < 'a'", true],
    ["'abc' < 'abcd'", true],
    ["'\uFFFD' < '𝄞'", true],
    ["'\uE000' < '\uD7FF'", false],
    ['false < true', true],
    ["day > '2024-01-01T00:00:00Z'", true],
    ["'2024-01-01' < day", true],
    ["day < 'soon'", false],
    ["day >= 'soon'", false],
    ['day < NOW()', true],
    ['nil < 1', false],
    ['nil >= nil', false],
    ['1 > missing', false],
    ["1 < 'a'", null],
    ["'2024-01-01' < '2024-02-01'", true],
    ['list < list', null],
    ['t < 1', null],
    ['(1 < 2) == true', true],
  ])('%s', (source, expected) => {
    expect(run(source, OBJ)).toEqual(expected)
  })
})

describe('truthiness and logic', () => {
  it.each([
    ['!nil', true],
    ['!zero', true],
    ['!n', false],
    ['!empty', true],
    ['!s', false],
    ['!list', false],
    ['![]', false],
    ['!obj', false],
    ['!day', false],
    ['!f', true],
    ['n && s', true],
    ['n && empty', false],
    ['nil || zero', false],
    ['nil || list', true],
    ['f || 0.1', true],
    ['t && !f && n > 1', true],
  ])('%s', (source, expected) => {
    expect(run(source, OBJ)).toBe(expected)
  })

  it('short-circuits && and ||', () => {
    expect(run('f && 1 / 0 == 1', OBJ)).toBe(false)
    expect(run('t || SIZE(nil) > 0', OBJ)).toBe(true)
  })

  it('exports isTruthy and valueTypeOf', () => {
    expect([null, undefined, 0, NaN, '', false].map(isTruthy)).toEqual(Array(6).fill(false))
    expect([1, -1, 'x', true, [], {}, NOW].map(isTruthy)).toEqual(Array(7).fill(true))
    const values = [null, undefined, true, 1.5, Infinity, 'x', NOW, new Date(NaN), [1], {}]
    expect(values.map(valueTypeOf)).toEqual([
      'null',
      'null',
      'boolean',
      'number',
      'unknown',
      'text',
      'date',
      'unknown',
      'list',
      'object',
    ])
    expect(valueTypeOf(Object.create(null))).toBe('object')
    expect(valueTypeOf(new Map())).toBe('unknown')
  })
})

describe('names', () => {
  const doc = {
    price: 10,
    address: { city: 'Oslo', geo: { lat: 59.9 } },
    tags: ['a', 'b'],
    items: [
      { price: 3, qty: 2 },
      { price: 7, name: null },
    ],
    item: 'outer item',
    created: NOW,
  }

  it.each([
    ['price', 10],
    ['this.price', 10],
    ['address.city', 'Oslo'],
    ['this.address.geo.lat', 59.9],
    ['address.country', null],
    ['missing.deep.path', null],
    ['tags.length', null],
    ['items.price', null],
    ['created.getTime', null],
    ['constructor', null],
    ['this.__proto__', null],
    ['address.toString', null],
    ['hasOwnProperty', null],
    ['this', doc],
    ['item', 'outer item'],
    ['session.userId', null],
    ['lookup.name', null],
    // inside array functions: the element first, then the outer object; this. is always outer
    ['ANYITEMTRUE(items, price > 5)', true],
    ['ALLITEMSTRUE(items, price > this.price)', false],
    ['MAP(items, price)', [3, 7]],
    ['MAP(items, qty)', [2, null]],
    ['MAP(items, item.qty)', [2, null]],
    ['MAP(items, this.price)', [10, 10]],
    ['MAP(items, name)', [null, null]],
    ['MAP(items, address.city)', ['Oslo', 'Oslo']],
    ['MAP(tags, item + "!")', ['a!', 'b!']],
    ['FILTER(tags, item != "a")', ['b']],
    [
      'MAP(tags, MAP(items, item.price * 2))',
      [
        [6, 14],
        [6, 14],
      ],
    ],
    [
      'MAP(items, MAP(tags, price))',
      [
        [3, 3],
        [7, 7],
      ],
    ],
    ['MAP([[1, 2], [3]], SIZE(item))', [2, 1]],
  ])('%s', (source, expected) => {
    expect(run(source, doc)).toEqual(expected)
  })

  it('reads session.userId from the session', () => {
    expect(run('session.userId', {}, 'u1')).toBe('u1')
    expect(run('owner == session.userId', { owner: 'u1' }, 'u1')).toBe(true)
    expect(run('session.other', { session: { other: 1 } }, 'u1')).toBe(1)
  })

  it('uses one clock per evaluation, the context clock when given', () => {
    expect(run('NOW()')).toEqual(NOW)
    const ast = parseExpression('NOW() == NOW()')
    expect(evaluate(ast, { this: {} })).toBe(true)
    const now = evaluate(parseExpression('NOW()'), { this: {} }) as Date
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(5000)
  })

  it('stops an evaluation past 1,000,000 steps', () => {
    const big = "SPLIT(REPEAT('a', 2000), '')"
    expect(errorOf(() => run(`MAP(${big}, MAP(${big}, 1))`))).toMatchObject({
      code: 'expression_too_complex',
      details: { limit: 1_000_000 },
    })
  })
})
