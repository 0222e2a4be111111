import { asDate, asNumber, dateFromMs, isTruthy, toText } from '../values.js'
import type { FunctionTable } from './function-types.js'

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const HEX_ID = /^[0-9a-fA-F]{24}$/

/** A number from a number, a decimal text (spaces around allowed) or a boolean (1 / 0). */
function toNumber(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') {
    const text = value.trim()
    if (!DECIMAL.test(text)) return null
    const n = Number(text)
    return Number.isFinite(n) ? n : null
  }
  return asNumber(value) ?? null
}

/** TOTEXT, TONUMBER, TOINTEGER, TOBOOLEAN, TODATE, TOOBJECTID. */
export const CONVERSION_FUNCTIONS: FunctionTable = {
  TOTEXT: ([value]) => toText(value),
  TONUMBER: ([value]) => toNumber(value),
  TOINTEGER: ([value]) => {
    const n = toNumber(value)
    return n === null ? null : Math.trunc(n) || 0
  },
  TOBOOLEAN: ([value]) => {
    if (value === null || value === undefined) return null
    if (typeof value === 'string' && ['false', '0'].includes(value.toLowerCase())) return false
    return isTruthy(value)
  },
  TODATE: ([value]) => {
    if (typeof value === 'number') return dateFromMs(value)
    return asDate(value)
  },
  TOOBJECTID: ([value]) =>
    typeof value === 'string' && HEX_ID.test(value) ? value.toLowerCase() : null,
}
