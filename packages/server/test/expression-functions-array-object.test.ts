import { describe, expect, it } from 'vitest'
import { NOW, d, run } from './expression-helpers.js'

const OBJ = {
  nums: [3, 1, 2],
  texts: ['b', 'a', 'B', '𝄞', '\uFFFD'],
  items: [
    { name: 'x', qty: 2 },
    { name: 'y', qty: 0 },
  ],
  mixed: [1, 'a', null],
  dates: [d('2024-03-01T00:00:00Z'), NOW, null],
  empty: [],
  nil: null,
  o: { b: 2, a: { c: [10, { d: 'deep' }] }, n: null },
  p: { b: 3, z: 1 },
}

describe('array functions', () => {
  it.each([
    ['SIZE(nums)', 3],
    ['SIZE(empty)', 0],
    ['SIZE(nil)', null],
    ["SIZE('abc')", null],
    ['APPEND(nums, 4, nil)', [3, 1, 2, 4, null]],
    ['APPEND(empty, [1])', [[1]]],
    ['APPEND(nil, 1)', null],
    ['PREPEND(nums, 0, -1)', [0, -1, 3, 1, 2]],
    ['ALLITEMSTRUE(nums, item > 0)', true],
    ['ALLITEMSTRUE(nums, item > 1)', false],
    ['ALLITEMSTRUE(empty, false)', true],
    ['ALLITEMSTRUE(nil, true)', null],
    ['ALLITEMSTRUE(1, true)', null],
    ['ANYITEMTRUE(items, qty == 0)', true],
    ['ANYITEMTRUE(items, name == "z")', false],
    ['ANYITEMTRUE(empty, true)', false],
    ['FILTER(items, qty > 0)', [{ name: 'x', qty: 2 }]],
    ['FILTER(nums, item >= 2)', [3, 2]],
    ['FILTER(mixed, item)', [1, 'a']],
    ['MAP(items, name + "!")', ['x!', 'y!']],
    ['MAP(empty, 1)', []],
    ['MAP(nil, 1)', null],
    ['FIRST(nums)', 3],
    ['FIRST(empty)', null],
    ['LAST(nums)', 2],
    ['LAST(nil)', null],
    ['AT(nums, 0)', 3],
    ['AT(nums, -1)', 2],
    ['AT(nums, 1.7)', 1],
    ['AT(nums, 3)', null],
    ['AT(nums, -4)', null],
    ['AT(nums, nil)', null],
    ['SLICE(nums, 1)', [1, 2]],
    ['SLICE(nums, 0, 2)', [3, 1]],
    ['SLICE(nums, -2, 1)', [1]],
    ['SLICE(nums, -9)', [3, 1, 2]],
    ['SLICE(nums, 5)', []],
    ['SLICE(nums, 1, 0)', []],
    ['SLICE(nums, 1, -1)', []],
    ['SLICE(nums, nil)', null],
    ['REVERSE(nums)', [2, 1, 3]],
    ['REVERSE(nil)', null],
    ['SORT(nums)', [1, 2, 3]],
    ['SORT(nums, false)', [3, 2, 1]],
    ['SORT(texts)', ['B', 'a', 'b', '\uFFFD', '𝄞']],
    ['SORT(dates)', [NOW, d('2024-03-01T00:00:00Z'), null]],
    ['SORT(dates, false)', [d('2024-03-01T00:00:00Z'), NOW, null]],
    ['SORT([2, nil, 1])', [1, 2, null]],
    ['SORT(mixed)', null],
    ['SORT([true, false])', null],
    ['SORT(items)', null],
    ['SORT(empty)', []],
    ['SORT(nums, nil)', null],
    ['UNIQUE([1, 2, 1, "1", nil, nil, [1], [1]])', [1, 2, '1', null, [1]]],
    ['UNIQUE(MAP(items, qty > 0))', [true, false]],
    ['UNION([1, 2], [2, 3, 3])', [1, 2, 3]],
    ['UNION([1, 1], empty)', [1]],
    ['UNION(nil, [1])', null],
    ['INTERSECTION([1, 2, 2, 3], [3, 2])', [2, 3]],
    ['INTERSECTION([1], empty)', []],
    ['DIFFERENCE([1, 2, 2, 3], [3])', [1, 2]],
    ['DIFFERENCE([1], nil)', null],
    ['INDEXOF(nums, 1)', 1],
    ['INDEXOF(nums, 9)', -1],
    ['INDEXOF(mixed, nil)', 2],
    ["INDEXOF(dates, '2024-03-01')", 0],
    ['INDEXOF(nil, 1)', null],
  ])('%s', (source, expected) => {
    expect(run(source, OBJ)).toEqual(expected)
  })

  it('does not change the lists it is given', () => {
    run('SORT(nums) + REVERSE(nums) + APPEND(nums, 1)', OBJ)
    expect(OBJ.nums).toEqual([3, 1, 2])
  })
})

describe('object functions', () => {
  it.each([
    ["GET(o, 'b')", 2],
    ["GET(o, 'a.c.0')", 10],
    ["GET(o, 'a.c.1.d')", 'deep'],
    ["GET(o, 'a.c.9')", null],
    ["GET(o, 'a.c.x')", null],
    ["GET(o, 'n')", null],
    ["GET(o, 'missing.x')", null],
    ["GET(o, 'constructor')", null],
    ["GET(o, '__proto__')", null],
    ["GET(nums, '1')", 1],
    ["GET(nil, 'a')", null],
    ['GET(o, 1)', null],
    ['KEYS(o)', ['a', 'b', 'n']],
    ['KEYS(p)', ['b', 'z']],
    ['KEYS(nums)', null],
    ['VALUES(p)', [3, 1]],
    ['VALUES(o)', [{ c: [10, { d: 'deep' }] }, 2, null]],
    ["HASKEY(o, 'b')", true],
    ["HASKEY(o, 'n')", true],
    ["HASKEY(o, 'x')", false],
    ["HASKEY(o, 'toString')", false],
    ['HASKEY(o, nil)', null],
    ["HASKEY(nil, 'a')", null],
    ['MERGE(o, p)', { b: 3, a: { c: [10, { d: 'deep' }] }, n: null, z: 1 }],
    ['MERGE(o, nil)', null],
    ['MERGE(nums, p)', null],
  ])('%s', (source, expected) => {
    expect(run(source, OBJ)).toEqual(expected)
  })

  it('reads own properties only', () => {
    const object = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>
    expect(run("GET(o, '__proto__.x')", { o: object })).toBe(1)
    expect(run('KEYS(o)', { o: object })).toEqual(['__proto__'])
    expect(run('KEYS(o)', { o: Object.assign(Object.create(null), { k: 1 }) })).toEqual(['k'])
  })
})
