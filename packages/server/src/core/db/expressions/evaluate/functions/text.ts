import { valuesEqual } from '../compare.js'
import { isTruthy, toText } from '../values.js'
import { asInteger, asList, asText, hasNull } from './arguments.js'
import type { EagerFunction, FunctionTable } from './function-types.js'
import { regexMatch } from './regex.js'

/** The longest text REPEAT builds. */
export const MAX_REPEAT_LENGTH = 1_000_000

const SPACE = ' \t\n\v\f\r'
const chars = (text: string): string[] => Array.from(text)

/** A function of one text (null for null or a non-text). */
const onText =
  (fn: (text: string) => unknown): EagerFunction =>
  ([value]) => {
    const text = asText(value)
    return text === undefined ? null : fn(text)
  }

/** A function of two texts. */
const onTexts =
  (fn: (a: string, b: string) => unknown): EagerFunction =>
  ([x, y]) => {
    const a = asText(x)
    const b = asText(y)
    return a === undefined || b === undefined ? null : fn(a, b)
  }

function trimStart(text: string): string {
  let i = 0
  while (i < text.length && SPACE.includes(text[i]!)) i++
  return text.slice(i)
}

function trimEnd(text: string): string {
  let i = text.length
  while (i > 0 && SPACE.includes(text[i - 1]!)) i--
  return text.slice(0, i)
}

/** LEFT/RIGHT: n characters from one end (null when n < 0). */
const side =
  (fromEnd: boolean): EagerFunction =>
  ([value, count]) => {
    const text = asText(value)
    const n = asInteger(count)
    if (text === undefined || n === undefined || n < 0) return null
    const list = chars(text)
    return (fromEnd ? list.slice(Math.max(0, list.length - n)) : list.slice(0, n)).join('')
  }

function charIndex(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const text = asText(args[0])
  const search = asText(args[1])
  const start = args.length > 2 ? asInteger(args[2]) : 1
  if (text === undefined || search === undefined || start === undefined) return null
  const list = chars(text)
  const from = Math.max(1, start)
  if (from > list.length + 1) return 0
  const found = text.indexOf(search, list.slice(0, from - 1).join('').length)
  return found < 0 ? 0 : chars(text.slice(0, found)).length + 1
}

function includes(args: unknown[]): unknown {
  const [subject, search] = args
  if (subject === null || subject === undefined) return null
  if (args.length > 2 && (args[2] === null || args[2] === undefined)) return null
  const caseSensitive = args.length > 2 ? isTruthy(args[2]) : true
  const list = asList(subject)
  if (list !== undefined) {
    const wanted = asText(search)
    if (caseSensitive || wanted === undefined) return list.some((item) => valuesEqual(item, search))
    const lower = wanted.toLowerCase()
    return list.some((item) => typeof item === 'string' && item.toLowerCase() === lower)
  }
  const text = asText(subject)
  const part = asText(search)
  if (text === undefined || part === undefined) return null
  return caseSensitive ? text.includes(part) : text.toLowerCase().includes(part.toLowerCase())
}

function repeat([value, count]: unknown[]): unknown {
  const text = asText(value)
  const n = asInteger(count)
  if (text === undefined || n === undefined || n > 10_000) return null
  if (n <= 0) return ''
  return text.length * n > MAX_REPEAT_LENGTH ? null : text.repeat(n)
}

/** CONCAT, LENGTH, LOWER, UPPER, TRIM..., SPLIT, JOIN, REGEXMATCH and the other text functions. */
export const TEXT_FUNCTIONS: FunctionTable = {
  CONCAT: (args) => args.map((arg) => toText(arg) ?? '').join(''),
  LENGTH: onText((text) => chars(text).length),
  LOWER: onText((text) => text.toLowerCase()),
  UPPER: onText((text) => text.toUpperCase()),
  TRIM: onText((text) => trimEnd(trimStart(text))),
  LTRIM: onText(trimStart),
  RTRIM: onText(trimEnd),
  LEFT: side(false),
  RIGHT: side(true),
  MID: ([value, startArg, countArg]) => {
    const text = asText(value)
    const start = asInteger(startArg)
    const n = asInteger(countArg)
    if (text === undefined || start === undefined || n === undefined) return null
    return start < 1 || n < 0
      ? null
      : chars(text)
          .slice(start - 1, start - 1 + n)
          .join('')
  },
  CHARINDEX: charIndex,
  REPLACE: (args) => {
    const [text, find, replacement] = args.map(asText)
    if (text === undefined || find === undefined || replacement === undefined) return null
    return find === '' ? text : text.split(find).join(replacement)
  },
  SPLIT: onTexts((text, separator) => {
    if (text === '') return []
    return separator === '' ? chars(text) : text.split(separator)
  }),
  JOIN: ([value, separator]) => {
    const list = asList(value)
    const sep = asText(separator)
    if (list === undefined || sep === undefined) return null
    return list.flatMap((item) => toText(item) ?? []).join(sep)
  },
  REPEAT: repeat,
  PROPER: onText((text) =>
    text.replace(/[\p{L}\p{N}]+/gu, (word) => {
      const [first = '', ...rest] = chars(word)
      return first.toUpperCase() + rest.join('').toLowerCase()
    }),
  ),
  EXACT: onTexts((a, b) => a === b),
  STARTSWITH: onTexts((text, prefix) => text.startsWith(prefix)),
  ENDSWITH: onTexts((text, suffix) => text.endsWith(suffix)),
  INCLUDES: includes,
  REGEXMATCH: regexMatch,
}
