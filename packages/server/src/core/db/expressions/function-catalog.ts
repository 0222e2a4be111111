/**
 * Every function of the expression language: its arity, whether it can run inside a query, and
 * what it does. The evaluator implements every entry, the SQL compiler every entry that is not
 * `memoryOnly`; tests hold both to this list, and docs/expressions.md prints it.
 */

export type FunctionCategory =
  'logical' | 'text' | 'math' | 'date' | 'array' | 'object' | 'conversion' | 'validation' | 'geo'

export interface FunctionSpec {
  readonly name: string
  readonly aliases: readonly string[]
  readonly category: FunctionCategory
  readonly minArgs: number
  /** Infinity for variadic functions. */
  readonly maxArgs: number
  /** Cannot be compiled to SQL: refused in filters, lookups, sort, group and computations. */
  readonly memoryOnly: boolean
  /** One line for docs/expressions.md: what it answers. */
  readonly description: string
}

type Entry = [
  name: string,
  category: FunctionCategory,
  minArgs: number,
  maxArgs: number,
  description: string,
  options?: { aliases?: string[]; memoryOnly?: boolean },
]

const N = Infinity

const ENTRIES: Entry[] = [
  // logical
  ['AND', 'logical', 2, N, 'true when every argument is truthy'],
  ['OR', 'logical', 2, N, 'true when some argument is truthy'],
  ['NOT', 'logical', 1, 1, 'true when the argument is not truthy'],
  ['XOR', 'logical', 2, N, 'true when an odd number of arguments are truthy'],
  ['IF', 'logical', 3, 3, 'IF(cond, a, b): a when cond is truthy, else b'],
  [
    'IFS',
    'logical',
    2,
    N,
    'IFS(c1, v1, c2, v2, ...): the value after the first truthy condition, else null (pairs only)',
  ],
  [
    'SWITCH',
    'logical',
    3,
    N,
    'SWITCH(v, k1, r1, ..., default?): the result whose key equals v, else the default or null',
  ],
  ['COALESCE', 'logical', 1, N, 'the first argument that is not null', { aliases: ['IFNULL'] }],
  ['ISTRUE', 'logical', 1, 1, 'the truthiness of the argument as a boolean'],
  [
    'EXISTS',
    'logical',
    1,
    1,
    'true when the value is not null (absent fields and lookups without a match are null)',
  ],
  [
    'IN',
    'array',
    2,
    2,
    'IN(list, v): true when v equals an element of list (false for a null list)',
  ],
  // text
  ['CONCAT', 'text', 1, N, 'the arguments as text, joined (nulls are skipped)'],
  ['LENGTH', 'text', 1, 1, 'the number of characters of a text', { aliases: ['LEN'] }],
  ['LOWER', 'text', 1, 1, 'lower-case text', { aliases: ['TOLOWER'] }],
  ['UPPER', 'text', 1, 1, 'upper-case text', { aliases: ['TOUPPER'] }],
  ['TRIM', 'text', 1, 1, 'text without leading and trailing white space'],
  ['LTRIM', 'text', 1, 1, 'text without leading white space'],
  ['RTRIM', 'text', 1, 1, 'text without trailing white space'],
  ['LEFT', 'text', 2, 2, 'LEFT(t, n): the first n characters'],
  ['RIGHT', 'text', 2, 2, 'RIGHT(t, n): the last n characters'],
  [
    'MID',
    'text',
    3,
    3,
    'MID(t, start, n): n characters from the 1-based start',
    { aliases: ['SUBSTRING'] },
  ],
  [
    'CHARINDEX',
    'text',
    2,
    3,
    'CHARINDEX(t, search[, start]): 1-based position of search in t at or after start, 0 when absent',
    { aliases: ['SEARCH'] },
  ],
  [
    'REPLACE',
    'text',
    3,
    3,
    'REPLACE(t, find, replacement): every occurrence replaced',
    { aliases: ['SUBSTITUTE'] },
  ],
  ['SPLIT', 'text', 2, 2, 'SPLIT(t, separator): a list of texts'],
  ['JOIN', 'text', 2, 2, 'JOIN(list, separator): the elements as text, joined'],
  ['REPEAT', 'text', 2, 2, 'REPEAT(t, n): t repeated n times (n at most 10,000)'],
  [
    'PROPER',
    'text',
    1,
    1,
    'text with the first letter of each word upper-case and the rest lower-case',
  ],
  ['EXACT', 'text', 2, 2, 'true when two texts are equal, case-sensitively'],
  ['STARTSWITH', 'text', 2, 2, 'STARTSWITH(t, prefix)'],
  ['ENDSWITH', 'text', 2, 2, 'ENDSWITH(t, suffix)'],
  [
    'INCLUDES',
    'text',
    2,
    3,
    'INCLUDES(t, search[, caseSensitive = true]); on a list, true when it holds the value',
  ],
  [
    'REGEXMATCH',
    'text',
    2,
    3,
    "REGEXMATCH(t, pattern[, flags]): POSIX-compatible pattern test; flags 'i' only",
  ],
  // math
  ['ABS', 'math', 1, 1, 'absolute value'],
  ['CEIL', 'math', 1, 1, 'smallest integer not below n', { aliases: ['CEILING'] }],
  ['FLOOR', 'math', 1, 1, 'largest integer not above n'],
  ['ROUND', 'math', 1, 2, 'ROUND(n[, digits = 0]): half away from zero'],
  ['TRUNC', 'math', 1, 2, 'TRUNC(n[, digits = 0]): toward zero'],
  ['SQRT', 'math', 1, 1, 'square root (null for negatives)'],
  ['POW', 'math', 2, 2, 'POW(n, e): n to the power e', { aliases: ['POWER'] }],
  ['EXP', 'math', 1, 1, 'e to the power n'],
  ['LN', 'math', 1, 1, 'natural logarithm (null for n <= 0)'],
  ['LOG', 'math', 2, 2, 'LOG(n, base) (null for n <= 0 or an invalid base)'],
  ['LOG10', 'math', 1, 1, 'base-10 logarithm (null for n <= 0)'],
  ['MOD', 'math', 2, 2, 'MOD(a, b): remainder with the sign of a (null when b is 0)'],
  ['SIGN', 'math', 1, 1, '-1, 0 or 1'],
  [
    'SUM',
    'math',
    1,
    N,
    'sum of the numbers (a single list argument sums its elements; nulls skipped)',
  ],
  ['PRODUCT', 'math', 1, N, 'product of the numbers (or of a single list argument; nulls skipped)'],
  ['MIN', 'math', 1, N, 'smallest of the numbers (or of a single list argument; nulls skipped)'],
  ['MAX', 'math', 1, N, 'largest of the numbers (or of a single list argument; nulls skipped)'],
  ['AVG', 'math', 1, N, 'mean of the numbers (or of a single list argument; nulls skipped)'],
  ['RAND', 'math', 0, 0, 'a random number in [0, 1)', { memoryOnly: true }],
  ['PI', 'math', 0, 0, 'π'],
  ['SIN', 'math', 1, 1, 'sine (radians)'],
  ['COS', 'math', 1, 1, 'cosine (radians)'],
  ['TAN', 'math', 1, 1, 'tangent (radians)'],
  ['ASIN', 'math', 1, 1, 'arc sine (null outside [-1, 1])'],
  ['ACOS', 'math', 1, 1, 'arc cosine (null outside [-1, 1])'],
  ['ATAN', 'math', 1, 1, 'arc tangent'],
  ['ATAN2', 'math', 2, 2, 'ATAN2(y, x)'],
  ['DEGREES', 'math', 1, 1, 'radians to degrees'],
  ['RADIANS', 'math', 1, 1, 'degrees to radians'],
  // date (UTC throughout)
  ['NOW', 'date', 0, 0, 'the current date-time'],
  ['TODAY', 'date', 0, 0, 'today at 00:00 UTC'],
  ['DATE', 'date', 3, 6, 'DATE(y, m, d[, h, mi, s]): a date-time in UTC (months 1-12)'],
  ['DATEVALUE', 'date', 1, 1, 'an ISO-8601 text as a date-time (null when it is not one)'],
  [
    'DATEADD',
    'date',
    2,
    3,
    "DATEADD(d, n[, unit = 'day']): unit one of year, quarter, month, week, day, hour, minute, second, millisecond",
  ],
  [
    'DATEDIFF',
    'date',
    2,
    3,
    "DATEDIFF(d1, d2[, unit = 'day']): whole units from d1 to d2 (d2 - d1, truncated toward zero)",
  ],
  ['YEAR', 'date', 1, 1, 'the year'],
  ['MONTH', 'date', 1, 1, 'the month, 1-12'],
  ['DAY', 'date', 1, 1, 'the day of the month'],
  ['HOUR', 'date', 1, 1, 'the hour, 0-23'],
  ['MINUTE', 'date', 1, 1, 'the minute'],
  ['SECOND', 'date', 1, 1, 'the second'],
  ['MILLISECOND', 'date', 1, 1, 'the millisecond'],
  ['WEEKDAY', 'date', 1, 1, 'the day of the week, 1 = Sunday to 7 = Saturday'],
  ['DAYOFYEAR', 'date', 1, 1, 'the day of the year, 1-366'],
  ['WEEKNUM', 'date', 1, 1, 'the ISO-8601 week number'],
  ['DATEMILLIS', 'date', 1, 1, 'milliseconds since 1970-01-01T00:00:00Z'],
  ['DATEFROMMILLIS', 'date', 1, 1, 'the date-time n milliseconds after 1970-01-01T00:00:00Z'],
  ['TODATESTRING', 'date', 1, 1, 'the date-time as ISO-8601 text with milliseconds and Z'],
  // array
  ['SIZE', 'array', 1, 1, 'the number of elements of a list (null for null)'],
  ['APPEND', 'array', 2, N, 'APPEND(list, v1, ...): the list with the values added at the end'],
  ['PREPEND', 'array', 2, N, 'PREPEND(list, v1, ...): the list with the values added at the start'],
  [
    'ALLITEMSTRUE',
    'array',
    2,
    2,
    'ALLITEMSTRUE(list, cond): cond truthy for every element (true for an empty list)',
  ],
  [
    'ANYITEMTRUE',
    'array',
    2,
    2,
    'ANYITEMTRUE(list, cond): cond truthy for some element (false for an empty list)',
  ],
  ['FILTER', 'array', 2, 2, 'FILTER(list, cond): the elements for which cond is truthy'],
  ['MAP', 'array', 2, 2, 'MAP(list, expr): expr for each element'],
  ['FIRST', 'array', 1, 1, 'the first element, null for an empty list'],
  ['LAST', 'array', 1, 1, 'the last element, null for an empty list'],
  [
    'AT',
    'array',
    2,
    2,
    'AT(list, i): the element at 0-based i (negative counts from the end), else null',
  ],
  ['SLICE', 'array', 2, 3, 'SLICE(list, start[, n]): n elements from 0-based start'],
  ['REVERSE', 'array', 1, 1, 'the list in reverse order'],
  [
    'SORT',
    'array',
    1,
    2,
    'SORT(list[, ascending = true]): a list of numbers, texts or dates sorted, nulls last',
  ],
  ['UNIQUE', 'array', 1, 1, 'the list without repeated elements (first occurrences kept)'],
  ['UNION', 'array', 2, 2, 'elements of either list, without repeats'],
  ['INTERSECTION', 'array', 2, 2, 'elements of the first list also in the second, without repeats'],
  ['DIFFERENCE', 'array', 2, 2, 'elements of the first list not in the second, without repeats'],
  [
    'INDEXOF',
    'array',
    2,
    2,
    'INDEXOF(list, v): 0-based index of the first equal element, -1 when absent',
  ],
  // object
  ['GET', 'object', 2, 2, "GET(obj, 'a.b'): the value at a dot path of an object, else null"],
  ['KEYS', 'object', 1, 1, 'the keys of an object, in code-point order'],
  ['VALUES', 'object', 1, 1, 'the values of an object, in the order of KEYS'],
  ['HASKEY', 'object', 2, 2, 'HASKEY(obj, key): true when the object has the key'],
  ['MERGE', 'object', 2, 2, 'MERGE(a, b): the keys of both objects, b winning'],
  // conversion
  [
    'TOTEXT',
    'conversion',
    1,
    1,
    'the value as text (dates as ISO-8601 with Z; numbers without trailing zeros)',
    { aliases: ['TOSTRING'] },
  ],
  [
    'TONUMBER',
    'conversion',
    1,
    1,
    'the value as a number (null when it is not one)',
    { aliases: ['TODECIMAL'] },
  ],
  [
    'TOINTEGER',
    'conversion',
    1,
    1,
    'the value as a number truncated toward zero (null when it is not one)',
  ],
  [
    'TOBOOLEAN',
    'conversion',
    1,
    1,
    "the truthiness of a value; the texts 'false' (any case) and '0' are false; null stays null",
  ],
  [
    'TODATE',
    'conversion',
    1,
    1,
    'a date-time from an ISO-8601 text or epoch milliseconds (null otherwise)',
  ],
  [
    'TOOBJECTID',
    'conversion',
    1,
    1,
    'the text as an id when it is 24 hex characters (lower-cased), else null',
    { aliases: ['TOID'] },
  ],
  // validation
  ['ISEMAIL', 'validation', 1, 1, 'the text looks like an email address'],
  ['ISURL', 'validation', 1, 1, 'the text is an http(s) URL', { aliases: ['ISLINK'] }],
  ['ISPHONE', 'validation', 1, 1, 'the text is an E.164 phone number (+ and 7-15 digits)'],
  ['ISNUMBER', 'validation', 1, 1, 'the value is a number'],
  ['ISINTEGER', 'validation', 1, 1, 'the value is a whole number'],
  ['ISTEXT', 'validation', 1, 1, 'the value is a text'],
  ['ISDATE', 'validation', 1, 1, 'the value is a date-time'],
  ['ISBOOLEAN', 'validation', 1, 1, 'the value is a boolean'],
  ['ISARRAY', 'validation', 1, 1, 'the value is a list'],
  ['ISOBJECT', 'validation', 1, 1, 'the value is an object'],
  ['ISID', 'validation', 1, 1, 'the value is a 24-hex-character id'],
  ['ISNULL', 'validation', 1, 1, 'the value is null'],
  ['ISEMPTY', 'validation', 1, 1, "the value is null, '' or an empty list"],
  // geo (points are [longitude, latitude])
  ['POINT', 'geo', 2, 2, 'POINT(lng, lat): a geo point', { aliases: ['GEOPOINT'] }],
  [
    'DISTANCE',
    'geo',
    2,
    3,
    "DISTANCE(p1, p2[, unit = 'm']): great-circle distance; unit m, km or mi",
  ],
  ['WITHIN', 'geo', 3, 3, 'WITHIN(point, center, radiusMeters): true when point is in the circle'],
  ['LONGITUDE', 'geo', 1, 1, 'the longitude of a point'],
  ['LATITUDE', 'geo', 1, 1, 'the latitude of a point'],
]

/** Every function, by canonical upper-case name. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  ENTRIES.map(([name, category, minArgs, maxArgs, description, options]) => [
    name,
    Object.freeze({
      name,
      category,
      minArgs,
      maxArgs,
      description,
      aliases: options?.aliases ?? [],
      memoryOnly: options?.memoryOnly ?? false,
    }),
  ]),
)

const BY_ANY_NAME = new Map<string, FunctionSpec>()
for (const spec of FUNCTIONS.values()) {
  BY_ANY_NAME.set(spec.name, spec)
  for (const alias of spec.aliases) BY_ANY_NAME.set(alias, spec)
}

/** The function a name (any case, or an alias) stands for; undefined when there is none. */
export function findFunction(name: string): FunctionSpec | undefined {
  return BY_ANY_NAME.get(name.toUpperCase())
}
