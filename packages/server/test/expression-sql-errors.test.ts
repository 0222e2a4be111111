import type { ExpressionNode } from '@basalt/protocol'
import { describe, expect, it } from 'vitest'
import { compileCondition, compileValue } from '../src/core/db/expressions/sql/compile.js'
import { quoteIdent } from '../src/core/db/expressions/sql/quote.js'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import type { SqlScope } from '../src/core/db/expressions/sql/sql-types.js'
import { isBasaltError } from '../src/tools/errors.js'
import { pgTargets } from '../../../test-support/databases.js'
import { CATALOG, P1, PRODUCTS, useFixture } from './expression-sql-fixture.js'

const SCOPE: SqlScope = { catalog: CATALOG, model: PRODUCTS, alias: 't', purpose: 'filter' }
const span = { start: 0, end: 1 }
const path = (...segments: string[]): ExpressionNode => ({ kind: 'path', segments, span })
const text = (value: string): ExpressionNode => ({ kind: 'literal', value, span })
const call = (name: string, ...args: ExpressionNode[]): ExpressionNode => ({
  kind: 'call',
  name,
  args,
  span,
})
const eq = (left: ExpressionNode, right: ExpressionNode): ExpressionNode => ({
  kind: 'binary',
  op: '==',
  left,
  right,
  span,
})

describe('compiling expressions refuses what cannot run, with clear errors', () => {
  const compile = (ast: ExpressionNode) => compileValue(ast, SCOPE, new SqlParams())
  const failure = (ast: ExpressionNode) => {
    try {
      compile(ast)
    } catch (error) {
      expect(isBasaltError(error)).toBe(true)
      return error
    }
    throw new Error('expected a BasaltError')
  }

  it('runs every function of the catalog that is not memory only, and refuses the others', async () => {
    const { FUNCTIONS } = await import('../src/core/db/expressions/function-catalog.js')
    const { SQL_FUNCTIONS } = await import('../src/core/db/expressions/sql/functions/index.js')
    for (const spec of FUNCTIONS.values()) {
      expect(SQL_FUNCTIONS.has(spec.name), spec.name).toBe(!spec.memoryOnly)
      const args = Array.from({ length: spec.minArgs }, () => text('1'))
      if (spec.memoryOnly) {
        expect(failure(call(spec.name.toLowerCase(), ...args))).toMatchObject({
          code: 'function_not_allowed_in_query',
        })
      } else {
        expect(() => compile(call(spec.name.toLowerCase(), ...args))).not.toThrow()
        for (const alias of spec.aliases) expect(() => compile(call(alias, ...args))).not.toThrow()
      }
    }
    expect([...SQL_FUNCTIONS.keys()].every((name) => FUNCTIONS.has(name))).toBe(true)
  })

  it('quotes identifiers and refuses anything but plain ones', () => {
    expect(quoteIdent('createdAt')).toBe('"createdAt"')
    for (const bad of ['a"b', 'a b', '', '1a', 'x;y', 'é']) {
      expect(() => quoteIdent(bad)).toThrow(/refusing to quote/)
    }
    expect(() =>
      compileCondition(path('title'), { ...SCOPE, alias: 't"; DROP' }, new SqlParams()),
    ).toThrow()
  })

  it('never puts field names it does not know, or JSON keys, into SQL', () => {
    expect(failure(path('a"b'))).toMatchObject({ code: 'unknown_field', details: { field: 'a"b' } })
    expect(failure(path('dims', 'x"; DROP TABLE app.products; --'))).toMatchObject({
      code: 'unknown_field',
    })
    const hostile = "x'); DROP TABLE app.users; --"
    const params = new SqlParams()
    const compiled = compileValue(path('meta', hostile), SCOPE, params)
    expect(compiled.sql).not.toContain('DROP')
    expect(params.values).toContainEqual([hostile])
    const literal = new SqlParams()
    const sql = compileCondition(
      eq(path('title'), text(`'; DROP TABLE app.products; --\ue0000\ue000`)),
      SCOPE,
      literal,
    )
    expect(sql).not.toContain('DROP')
    expect(sql).not.toContain('\ue000')
    expect(literal.values).toEqual([`'; DROP TABLE app.products; --\ue0000\ue000`])
    expect(failure(call('SIZE); DROP TABLE x; --', path('tags')))).toMatchObject({
      code: 'unknown_function',
    })
  })

  it.each([
    ['FOO(1)', 'unknown_function', { function: 'FOO', position: 1 }],
    ['qty + bar(1)', 'unknown_function', { function: 'BAR', position: 7 }],
    ['SIZE()', 'invalid_function_arguments', { function: 'SIZE' }],
    ['IFS(1, 2, 3)', 'invalid_function_arguments', { function: 'IFS' }],
    ['ROUND(1, 2, 3)', 'invalid_function_arguments', { function: 'ROUND' }],
    ['RAND() > 0.5', 'function_not_allowed_in_query', { function: 'RAND', position: 1 }],
    ['REGEXMATCH(title, title)', 'invalid_function_arguments', { function: 'REGEXMATCH' }],
    ["'a' * 2", 'expression_type_error', { position: 1 }],
    ["qty > 'x'", 'expression_type_error', { position: 1 }],
    ['tags < 1', 'expression_type_error', {}],
    ['title + true', 'expression_type_error', {}],
    ['-title', 'expression_type_error', { position: 2 }],
    ['dims * 2', 'expression_type_error', {}],
    ["releasedAt == 'not a date'", 'expression_type_error', { position: 15 }],
    ["releasedAt > '2023-02-30'", 'expression_type_error', { position: 14 }],
  ])('%s is %s', async (source, code, details) => {
    const { parseExpression } = await import('../src/core/db/expressions/parse/parse-expression.js')
    expect(failure(parseExpression(source))).toMatchObject({ code, details })
  })

  it('says where a date literal is wrong', async () => {
    const { parseExpression } = await import('../src/core/db/expressions/parse/parse-expression.js')
    expect(failure(parseExpression("createdAt < 'soon'"))).toMatchObject({
      message: "'soon' is not an ISO-8601 date at column 13",
    })
  })
})

describe.each(pgTargets())('hostile expressions change nothing on $name PostgreSQL', (target) => {
  const db = useFixture(target)

  it.each([
    `title == "'; DROP TABLE app.products; --"`,
    `title == '\\'; DROP TABLE app.products; --'`,
    `meta.x == "$1"`,
    `INCLUDES(title, "' OR 1=1 --")`,
    `REGEXMATCH(title, "'); DROP TABLE app.products; --")`,
    `IN(["a'b", 'c"d'], title)`,
    `TONUMBER("1; DROP TABLE app.products")`,
    `DATEVALUE("2022-01-01'); DROP TABLE app.products; --")`,
    `GET(meta, "a'); DROP TABLE app.products; --")`,
  ])('%s', async (source) => {
    expect(await db.condition(source)).toBe(false)
    const { rows } = await db.client.query('SELECT count(*)::int AS n FROM app.products')
    expect(rows).toEqual([{ n: 2 }])
  })

  it('runs a literal that looks like a placeholder as text', async () => {
    expect(await db.value("'$1' + '\\u0001'")).toBe('$1u0001')
    expect(await db.value('CONCAT(title, "$2::text")', { id: P1 })).toBe('Widget Ünïcode ☃$2::text')
  })
})
