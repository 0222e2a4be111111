import type { BinaryOperator, UnaryOperator } from '@basalt/protocol'
import { ordered, valuesEqual } from './compare.js'
import { asNumber, dateFromMs, finite, isDate, isTruthy, numberToText } from './values.js'

const DAY_MS = 86_400_000

/** A unary operator on a value: `!` is always a boolean; `-`/`+` null unless a number. */
export function applyUnary(op: UnaryOperator, value: unknown): unknown {
  if (op === '!') return !isTruthy(value)
  const n = asNumber(value)
  if (n === undefined) return null
  return op === '-' ? finite(-n) : n
}

/** A binary operator other than `&&`/`||` on two values (run-time type errors give null). */
export function applyBinary(op: BinaryOperator, a: unknown, b: unknown): unknown {
  switch (op) {
    case '==':
      return valuesEqual(a, b)
    case '!=':
      return !valuesEqual(a, b)
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, a, b)
    case '&&':
      return isTruthy(a) && isTruthy(b)
    case '||':
      return isTruthy(a) || isTruthy(b)
  }
  if (a === null || a === undefined || b === null || b === undefined) return null
  if (op === '+') return add(a, b)
  if (op === '-') return subtract(a, b)
  const x = asNumber(a)
  const y = asNumber(b)
  if (x === undefined || y === undefined) return null
  if (op === '*') return finite(x * y)
  return y === 0 ? null : finite(x / y)
}

function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' || typeof b === 'string') {
    const left = typeof a === 'number' ? numberToText(a) : a
    const right = typeof b === 'number' ? numberToText(b) : b
    return typeof left === 'string' && typeof right === 'string' ? left + right : null
  }
  if (isDate(a) && typeof b === 'number') return plusDays(a, b)
  if (typeof a === 'number' && isDate(b)) return plusDays(b, a)
  return typeof a === 'number' && typeof b === 'number' ? finite(a + b) : null
}

function subtract(a: unknown, b: unknown): unknown {
  if (isDate(a) && isDate(b)) return a.getTime() - b.getTime()
  if (isDate(a) && typeof b === 'number') return plusDays(a, -b)
  return typeof a === 'number' && typeof b === 'number' ? finite(a - b) : null
}

function plusDays(date: Date, days: number): Date | null {
  return Number.isFinite(days) ? dateFromMs(date.getTime() + Math.round(days * DAY_MS)) : null
}
