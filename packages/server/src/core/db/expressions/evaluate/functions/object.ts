import { ownValue } from '../paths.js'
import { compareText, isPlainObject, objectKeys } from '../values.js'
import { asText } from './arguments.js'
import type { EagerFunction, FunctionTable } from './function-types.js'

/** A function of one object (null for null or a non-object). */
const onObject =
  (fn: (object: Record<string, unknown>, rest: unknown[]) => unknown): EagerFunction =>
  ([value, ...rest]) =>
    isPlainObject(value) ? fn(value, rest) : null

/** The keys in code-point order (the order KEYS and VALUES answer in, in both back ends). */
const sortedKeys = (object: Record<string, unknown>): string[] =>
  objectKeys(object).sort(compareText)

/** GET: each segment of the dot path is a key of an object or a 0-based index of a list. */
function get([value, pathArg]: unknown[]): unknown {
  const path = asText(pathArg)
  if (path === undefined || !(isPlainObject(value) || Array.isArray(value))) return null
  let current: unknown = value
  for (const segment of path.split('.')) {
    if (isPlainObject(current)) current = ownValue(current, segment)
    else if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)]
    else return null
  }
  return current ?? null
}

/** GET, KEYS, VALUES, HASKEY, MERGE. */
export const OBJECT_FUNCTIONS: FunctionTable = {
  GET: get,
  KEYS: onObject(sortedKeys),
  VALUES: onObject((object) => sortedKeys(object).map((key) => object[key])),
  HASKEY: onObject((object, [key]) => {
    const name = asText(key)
    return name === undefined ? null : ownValue(object, name) !== undefined
  }),
  MERGE: onObject((object, [other]) => (isPlainObject(other) ? { ...object, ...other } : null)),
}
