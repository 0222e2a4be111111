import { isDate, isPlainObject } from '../values.js'
import type { FunctionTable } from './function-types.js'

/** The patterns of ISEMAIL, ISURL, ISPHONE and ISID (POSIX-compatible: SQL uses them too). */
export const VALIDATION_PATTERNS = {
  email:
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
  url: /^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s/?#]+([/?#]\S*)?$/,
  phone: /^\+[1-9][0-9]{6,14}$/,
  id: /^[0-9a-f]{24}$/,
} as const

const matches =
  (pattern: RegExp) =>
  ([value]: unknown[]): boolean =>
    typeof value === 'string' && pattern.test(value)

/** ISEMAIL, ISURL, ISPHONE, ISNUMBER ... ISEMPTY: always a boolean, false for null (ISNULL, ISEMPTY aside). */
export const VALIDATION_FUNCTIONS: FunctionTable = {
  ISEMAIL: matches(VALIDATION_PATTERNS.email),
  ISURL: matches(VALIDATION_PATTERNS.url),
  ISPHONE: matches(VALIDATION_PATTERNS.phone),
  ISNUMBER: ([value]) => typeof value === 'number' && Number.isFinite(value),
  ISINTEGER: ([value]) => Number.isInteger(value),
  ISTEXT: ([value]) => typeof value === 'string',
  ISDATE: ([value]) => isDate(value),
  ISBOOLEAN: ([value]) => typeof value === 'boolean',
  ISARRAY: ([value]) => Array.isArray(value),
  ISOBJECT: ([value]) => isPlainObject(value),
  ISID: matches(VALIDATION_PATTERNS.id),
  ISNULL: ([value]) => value === null || value === undefined,
  ISEMPTY: ([value]) =>
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0),
}
