import type { ExpressionNode } from '@basalt/protocol'
import { compareSameType, keyOf, valuesEqual } from '../compare.js'
import { withItem } from '../environment.js'
import type { Env, Run } from '../environment.js'
import { isDate, isTruthy } from '../values.js'
import { asInteger, asList, hasNull } from './arguments.js'
import type { EagerFunction, FunctionTable, LazyFunction } from './function-types.js'

/** A function of one list (null for null or a non-list). */
const onList =
  (fn: (list: readonly unknown[], rest: unknown[]) => unknown): EagerFunction =>
  ([value, ...rest]) => {
    const list = asList(value)
    return list === undefined ? null : fn(list, rest)
  }

/** An array function with an inner expression run once per element (the element in scope). */
const perItem = (
  fn: (list: readonly unknown[], test: (item: unknown) => unknown) => unknown,
): LazyFunction => ({
  lazy: ([listArg, inner]: readonly ExpressionNode[], env: Env, run: Run) => {
    const list = asList(run(listArg!, env))
    return list === undefined ? null : fn(list, (item) => run(inner!, withItem(env, item)))
  },
})

/** The elements without repeats, first occurrences kept (compared as `keyOf` does). */
function unique(
  values: readonly unknown[],
  keep: (key: string) => boolean = () => true,
): unknown[] {
  const seen = new Set<string>()
  const result: unknown[] = []
  for (const value of values) {
    const key = keyOf(value)
    if (seen.has(key) || !keep(key)) continue
    seen.add(key)
    result.push(value)
  }
  return result
}

/** A set function of two lists. */
const onTwoLists =
  (fn: (a: readonly unknown[], b: readonly unknown[]) => unknown): EagerFunction =>
  ([x, y]) => {
    const a = asList(x)
    const b = asList(y)
    return a === undefined || b === undefined ? null : fn(a, b)
  }

const keysOf = (list: readonly unknown[]): Set<string> => new Set(list.map(keyOf))

function sortList(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const list = asList(args[0])
  if (list === undefined) return null
  const ascending = args.length > 1 ? isTruthy(args[1]) : true
  const present = list.filter((item) => item !== null && item !== undefined)
  const kind = (v: unknown): string => (isDate(v) ? 'date' : typeof v)
  const kinds = new Set(present.map(kind))
  if (kinds.size > 1 || [...kinds].some((k) => !['number', 'string', 'date'].includes(k))) {
    return null
  }
  const sorted = present.sort((a, b) => (compareSameType(a, b) as number) * (ascending ? 1 : -1))
  return [...sorted, ...list.filter((item) => item === null || item === undefined).map(() => null)]
}

function slice(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const list = asList(args[0])
  const start = asInteger(args[1])
  const count = args.length > 2 ? asInteger(args[2]) : Infinity
  if (list === undefined || start === undefined || count === undefined) return null
  const from = start < 0 ? Math.max(0, list.length + start) : start
  return count <= 0 ? [] : list.slice(from, from + count)
}

/** SIZE, APPEND, ALLITEMSTRUE, FILTER, MAP, SORT, UNION and the other list functions. */
export const ARRAY_FUNCTIONS: FunctionTable = {
  SIZE: onList((list) => list.length),
  APPEND: onList((list, values) => [...list, ...values]),
  PREPEND: onList((list, values) => [...values, ...list]),
  ALLITEMSTRUE: perItem((list, test) => list.every((item) => isTruthy(test(item)))),
  ANYITEMTRUE: perItem((list, test) => list.some((item) => isTruthy(test(item)))),
  FILTER: perItem((list, test) => list.filter((item) => isTruthy(test(item)))),
  MAP: perItem((list, test) => list.map(test)),
  FIRST: onList((list) => list[0] ?? null),
  LAST: onList((list) => list[list.length - 1] ?? null),
  AT: onList((list, [index]) => {
    const i = asInteger(index)
    if (i === undefined) return null
    return list[i < 0 ? list.length + i : i] ?? null
  }),
  SLICE: slice,
  REVERSE: onList((list) => [...list].reverse()),
  SORT: sortList,
  UNIQUE: onList((list) => unique(list)),
  UNION: onTwoLists((a, b) => unique([...a, ...b])),
  INTERSECTION: onTwoLists((a, b) => {
    const other = keysOf(b)
    return unique(a, (key) => other.has(key))
  }),
  DIFFERENCE: onTwoLists((a, b) => {
    const other = keysOf(b)
    return unique(a, (key) => !other.has(key))
  }),
  INDEXOF: onList((list, [value]) => list.findIndex((item) => valuesEqual(item, value))),
}
