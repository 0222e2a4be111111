import { EXPRESSION_LIMITS } from '@basalt/protocol'
import { describe, expect, it } from 'vitest'
import type { ExpressionNode } from '@basalt/protocol'
import { parseCached } from '../src/core/db/expressions/parse/parse-cached.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { show } from './expression-helpers.js'

const shape = (source: string): string => show(parseExpression(source))

describe('expression parser', () => {
  it.each([
    // precedence, lowest first: || && == relational additive multiplicative unary
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 * 2 + 3', '((1 * 2) + 3)'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c', '((a && b) || c)'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a < b == c >= d', '((a < b) == (c >= d))'],
    ['a + 1 < b - 2', '((a + 1) < (b - 2))'],
    ['-a * b', '((- a) * b)'],
    ['!a && b', '((! a) && b)'],
    ['!!a', '(! (! a))'],
    ['- -1', '(- (- 1))'],
    ['+a', '(+ a)'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['((a))', 'a'],
    // left associativity
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['a || b || c', '((a || b) || c)'],
    ['a == b == c', '((a == b) == c)'],
    ['a < b < c', '((a < b) < c)'],
    // a single = is ==, as real Altogic filters write it
    ['_id = "x"', "(_id == 'x')"],
    ['a<=b', '(a <= b)'],
    ['a>=b', '(a >= b)'],
    ['a<b', '(a < b)'],
    ['a>b', '(a > b)'],
  ])('%s', (source, expected) => {
    expect(shape(source)).toBe(expected)
  })

  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['2.5e+2', 250],
    ['0', 0],
    ['007', 7],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["'a\\\\b'", 'a\\b'],
    ["'line\\nnext\\ttab'", 'line\nnext\ttab'],
    ["'\\q'", 'q'],
    ['"it\'s"', "it's"],
    ['\'say "hi"\'', 'say "hi"'],
    ["''", ''],
    ["'héllo wörld ✓ 𝄞 日本'", 'héllo wörld ✓ 𝄞 日本'],
    ['true', true],
    ['FALSE', false],
    ['Null', null],
    ['TRUE', true],
  ])('literal %s', (source, value) => {
    expect(parseExpression(source)).toMatchObject({ kind: 'literal', value })
  })

  it.each([
    ['price', 'price'],
    ['this.price', 'this.price'],
    ['address.city', 'address.city'],
    ['a . b', 'a.b'],
    ['lookup._id', 'lookup._id'],
    ['session.userId', 'session.userId'],
    ['$x.y_1', '$x.y_1'],
    ['this.true.null', 'this.true.null'],
    ['Price', 'Price'],
  ])('path %s', (source, expected) => {
    const node = parseExpression(source)
    expect(node.kind).toBe('path')
    expect(show(node)).toBe(expected)
  })

  it.each([
    ['[]', '[]'],
    ['[1, "a", true, null]', "[1, 'a', true, null]"],
    ['[-73.98, 40.75]', '[(- 73.98), 40.75]'],
    ['[[1], [2, [3]]]', '[[1], [2, [3]]]'],
    ['now()', 'NOW()'],
    ['year(this.createdAt)', 'YEAR(this.createdAt)'],
    ['Concat(a, "b", 1 + 2)', "CONCAT(a, 'b', (1 + 2))"],
    ['IF(a > 1, [1], MAX(1, ABS(-2)))', 'IF((a > 1), [1], MAX(1, ABS((- 2))))'],
    ['true(1)', 'TRUE(1)'],
    ['f ( 1 , 2 )', 'F(1, 2)'],
  ])('list and call %s', (source, expected) => {
    expect(shape(source)).toBe(expected)
  })

  it('records spans: 0-based, end exclusive, parentheses included', () => {
    const node = parseExpression(' (a + 1) * f(x, [2]) ')
    expect(node.span).toEqual({ start: 1, end: 20 })
    if (node.kind !== 'binary') throw new Error('binary expected')
    expect(node.left.span).toEqual({ start: 1, end: 8 })
    expect(node.right.span).toEqual({ start: 11, end: 20 })
    if (node.right.kind !== 'call' || node.left.kind !== 'binary') throw new Error('shape')
    expect(node.left.left.span).toEqual({ start: 2, end: 3 })
    expect(node.right.args.map((arg) => arg.span)).toEqual([
      { start: 13, end: 14 },
      { start: 16, end: 19 },
    ])
    expect(parseExpression("-'x'").span).toEqual({ start: 0, end: 4 })
    expect(parseExpression('this . a').span).toEqual({ start: 0, end: 8 })
  })

  it('answers a deeply frozen tree', () => {
    const node = parseExpression('f([a.b, -1], "x") + (c && !d)')
    const check = (n: ExpressionNode): void => {
      expect(Object.isFrozen(n)).toBe(true)
      expect(Object.isFrozen(n.span)).toBe(true)
      if (n.kind === 'call') expect(Object.isFrozen(n.args)).toBe(true)
      if (n.kind === 'list') expect(Object.isFrozen(n.items)).toBe(true)
      if (n.kind === 'path') expect(Object.isFrozen(n.segments)).toBe(true)
      const children =
        n.kind === 'call'
          ? n.args
          : n.kind === 'list'
            ? n.items
            : n.kind === 'unary'
              ? [n.operand]
              : n.kind === 'binary'
                ? [n.left, n.right]
                : []
      children.forEach(check)
    }
    check(node)
  })

  it('keeps the parser free of the catalog: unknown names parse', () => {
    expect(shape('nosuchfunction(1)')).toBe('NOSUCHFUNCTION(1)')
  })

  it('accepts the nesting and length limits', () => {
    const d = EXPRESSION_LIMITS.maxDepth - 1
    expect(() => parseExpression(`${'('.repeat(d)}1${')'.repeat(d)}`)).not.toThrow()
    expect(() => parseExpression(`${'-'.repeat(d)}1`)).not.toThrow()
    expect(() => parseExpression(`'${'x'.repeat(4094)}'`)).not.toThrow()
    expect(() => parseExpression(Array(d).fill('a').join(' || '))).not.toThrow()
  })

  it('caches parsed trees by source', () => {
    const a = parseCached('a + 1')
    expect(parseCached('a + 1')).toBe(a)
    for (let i = 0; i < 1001; i++) parseCached(`x${i}`)
    expect(parseCached('a + 1')).not.toBe(a)
    expect(parseCached('a + 1')).toEqual(a)
  })
})

// Expressions taken from real Altogic apps (docs: altogic-backend spec, appendix).
const APPENDIX: [string, string][] = [
  ['isCurrent', 'isCurrent'],
  ['_id = "x"', "(_id == 'x')"],
  ['EXISTS(product) && product.qtyInStock > 0', '(EXISTS(product) && (product.qtyInStock > 0))'],
  ["belongsTo.username == 'ann'", "(belongsTo.username == 'ann')"],
  ['IN(["a","b"], this._id)', "IN(['a', 'b'], this._id)"],
  [
    "createdAt > '2022-10-01T00:00:00Z' && this.author == 'u1'",
    "((createdAt > '2022-10-01T00:00:00Z') && (this.author == 'u1'))",
  ],
  [
    "(INCLUDES(this.user.name, 'q') || INCLUDES(this.name, 'q'))",
    "(INCLUDES(this.user.name, 'q') || INCLUDES(this.name, 'q'))",
  ],
  ['!EXISTS(targetUser)', '(! EXISTS(targetUser))'],
  [
    "group == 'g' && isRead == false && sender != 'u'",
    "(((group == 'g') && (isRead == false)) && (sender != 'u'))",
  ],
  [
    "TOTEXT(day(this.createdAt)) + '-' + TOTEXT(month(this.createdAt))",
    "((TOTEXT(DAY(this.createdAt)) + '-') + TOTEXT(MONTH(this.createdAt)))",
  ],
  ['!EXISTS(this.status)', '(! EXISTS(this.status))'],
  ["IN(tags, 'news')", "IN(tags, 'news')"],
  ["IN(['a','b'], this._id)", "IN(['a', 'b'], this._id)"],
  ["INCLUDES(TOLOWER(user.name), TOLOWER('ann'))", "INCLUDES(TOLOWER(user.name), TOLOWER('ann'))"],
  ["STARTSWITH(name, 'Jon')", "STARTSWITH(name, 'Jon')"],
  ["INCLUDES(TOTEXT(orderNumber), '12')", "INCLUDES(TOTEXT(orderNumber), '12')"],
  ['SIZE(shoppingCart.items) > 0', '(SIZE(shoppingCart.items) > 0)'],
  ['PRODUCT(price, qty)', 'PRODUCT(price, qty)'],
  ['DATE(2022, 5, 1, 0, 0, 0)', 'DATE(2022, 5, 1, 0, 0, 0)'],
  [
    "publishDate <= DATEVALUE('2022-05-01T00:00:00Z')",
    "(publishDate <= DATEVALUE('2022-05-01T00:00:00Z'))",
  ],
  ['DATEMILLIS(updatedAt) > 1650000000000', '(DATEMILLIS(updatedAt) > 1650000000000)'],
  ["DATEADD(NOW(), 5, 'seconds')", "DATEADD(NOW(), 5, 'seconds')"],
  ['DATEADD(NOW(),5)', 'DATEADD(NOW(), 5)'],
  ["'Result : ' + (10 * 5 + 100)", "('Result : ' + ((10 * 5) + 100))"],
  [
    '(profile.firstName && profile.lastName) || profile.fullName',
    '((profile.firstName && profile.lastName) || profile.fullName)',
  ],
  ['!isDeleted && isPublished', '((! isDeleted) && isPublished)'],
  ["createdAt > '2020-04-01T06:40:12.941+00:00'", "(createdAt > '2020-04-01T06:40:12.941+00:00')"],
  ['[45, 26, 94]', '[45, 26, 94]'],
  ['lookup._id == this.author', '(lookup._id == this.author)'],
]

describe('expressions from real Altogic apps', () => {
  it.each(APPENDIX)('%s', (source, expected) => {
    expect(shape(source)).toBe(expected)
  })
})
