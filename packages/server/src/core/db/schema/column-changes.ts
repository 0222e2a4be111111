/** How a column's values are carried to a new type. */
export interface TypeChange {
  /** The USING expression, over the quoted column. */
  readonly using: string
  /** Some values may not survive (they become null, are rounded or cut to one element). */
  readonly dataLoss: boolean
}

const WHOLE = new Set(['smallint', 'integer', 'bigint'])
const NUMBER = new Set([...WHOLE, 'real', 'double precision', 'numeric'])
/** Number types that hold any whole number of the narrower ones. */
const WIDE = new Set(['bigint', 'double precision', 'numeric'])
const WHOLE_LIMITS: Record<string, string> = { bigint: '9e18', integer: '2147483647' }

/** What changing a column from `from` to `to` (normalised type names) costs, and how. */
export function typeChange(column: string, from: string, to: string): TypeChange {
  const fromItem = itemOf(from)
  const toItem = itemOf(to)
  if (fromItem === undefined && toItem === undefined) return scalarChange(column, from, to)
  if (fromItem === undefined) {
    // A value becomes a one-element list.
    const item = scalarChange(column, from, toItem!)
    const using = `CASE WHEN ${column} IS NULL THEN NULL ELSE ARRAY[${item.using}] END`
    return { using, dataLoss: item.dataLoss }
  }
  if (toItem === undefined) {
    // A list keeps its first element only.
    return { using: scalarChange(`${column}[1]`, fromItem, to).using, dataLoss: true }
  }
  const item = scalarChange(column, fromItem, toItem)
  // Element casts that cannot fail convert the whole array; others would need a subquery,
  // which USING does not allow: such lists are emptied.
  return item.dataLoss
    ? { using: `NULL::${to}`, dataLoss: true }
    : { using: `${column}::${to}`, dataLoss: false }
}

function itemOf(type: string): string | undefined {
  return type.endsWith('[]') ? type.slice(0, -2) : undefined
}

function scalarChange(column: string, from: string, to: string): TypeChange {
  const kept = (using: string): TypeChange => ({ using, dataLoss: false })
  const lossy = (using: string): TypeChange => ({ using, dataLoss: true })
  if (from === to) return kept(column)
  if (to === 'text') return kept(from === 'jsonb' ? `${column} #>> '{}'` : `${column}::text`)
  if (to === 'jsonb') return kept(`to_jsonb(${column})`)
  if (WHOLE.has(from) && WIDE.has(to)) return kept(`${column}::${to}`)
  if (from === 'timestamp without time zone' && to === 'timestamptz')
    return kept(`${column}::${to}`)
  const limit = WHOLE_LIMITS[to]
  if (NUMBER.has(from) && limit) {
    return lossy(`CASE WHEN abs(${column}) < ${limit} THEN round(${column})::${to} END`)
  }
  if (NUMBER.has(from) && to === 'double precision') return kept(`${column}::double precision`)
  if (from === 'text') return fromText(column, to) ?? lossy(`NULL::${to}`)
  if (from === 'boolean' && NUMBER.has(to)) return lossy(`CASE WHEN ${column} THEN 1 ELSE 0 END`)
  return lossy(`NULL::${to}`)
}

/** Text that reads as the new type is converted; other text becomes null. */
function fromText(column: string, to: string): TypeChange | undefined {
  const guarded = (pattern: string, cast: string): TypeChange => ({
    using: `CASE WHEN btrim(${column}) ~ '${pattern}' THEN ${cast} END`,
    dataLoss: true,
  })
  if (to === 'bigint') return guarded('^-?[0-9]{1,18}$', `btrim(${column})::bigint`)
  if (to === 'double precision') {
    return guarded(
      '^-?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]{1,2})?$',
      `btrim(${column})::double precision`,
    )
  }
  if (to === 'boolean') {
    return {
      using:
        `CASE WHEN lower(btrim(${column})) IN ('true', 't', 'yes', '1') THEN true ` +
        `WHEN lower(btrim(${column})) IN ('false', 'f', 'no', '0') THEN false END`,
      dataLoss: true,
    }
  }
  if (to === 'timestamptz') {
    // ISO-8601 dates; an impossible date such as 2024-02-31 still fails the change.
    return guarded(
      '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:.]+(Z|[-+][0-9:]+)?)?$',
      `btrim(${column})::timestamptz`,
    )
  }
  return undefined
}
