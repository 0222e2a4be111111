import { jsonNumber, numberArg, textArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { arrayElem } from './list.js'
import { eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/** The Earth's mean radius (IUGG) in meters, as the evaluator uses it. */
const EARTH_RADIUS_M = 6371008.8
const UNITS: Record<string, number> = { m: 1, km: 1000, mi: 1609.344 }

/**
 * A value as a valid point: `double precision[]` [lng, lat] with -180 <= lng <= 180 and
 * -90 <= lat <= 90, else null (lists of two numbers and JSON arrays too).
 */
function point(ctx: Ctx, val: Val): string | undefined {
  const valid = (p: string) =>
    `CASE WHEN cardinality(${p}) = 2 AND abs((${p})[1]) <= 180 AND abs((${p})[2]) <= 90 THEN ${p} END`
  if (arrayElem(val) === 'number') return ctx.bind([val.sql], valid)
  if (val.type !== 'unknown' && val.list?.kind !== 'json') return undefined
  return ctx.bind([val.sql], (j) => {
    const pair = `ARRAY[${jsonNumber(ctx, `(${j} -> 0)`)}, ${jsonNumber(ctx, `(${j} -> 1)`)}]`
    const two = `jsonb_array_length(${j}) = 2`
    return `CASE WHEN jsonb_typeof(${j}) = 'array' THEN CASE WHEN ${two} THEN ${ctx.bind([pair], valid)} END END`
  })
}

/** The haversine distance in meters between two valid points (null if either is null). */
function haversine(ctx: Ctx, a: string, b: string): string {
  return ctx.bind([a, b], (p, q) => {
    const rad = `(pi() / 180)`
    const dLat = `(((${q})[2] - (${p})[2]) * ${rad})`
    const dLng = `(((${q})[1] - (${p})[1]) * ${rad})`
    const h =
      `sin(${dLat} / 2) * sin(${dLat} / 2) + cos((${p})[2] * ${rad}) * cos((${q})[2] * ${rad}) ` +
      `* (sin(${dLng} / 2) * sin(${dLng} / 2))`
    // least() skips nulls, so the clamp is a CASE.
    return ctx.bind(
      [`sqrt(${h})`],
      (root) => `(2 * ${EARTH_RADIUS_M} * asin(CASE WHEN ${root} > 1 THEN 1 ELSE ${root} END))`,
    )
  })
}

function distance(ctx: Ctx, [first, second, unit]: Val[]): Val {
  const a = point(ctx, first!)
  const b = point(ctx, second!)
  if (a === undefined || b === undefined) return nullOf('number')
  const meters = haversine(ctx, a, b)
  if (!unit) return { sql: meters, type: 'number' }
  if (typeof unit.literal?.value === 'string') {
    const factor = UNITS[unit.literal.value.toLowerCase()]
    return factor ? { sql: `(${meters} / ${factor})`, type: 'number' } : nullOf('number')
  }
  const name = `lower(${textArg(ctx, unit).sql})`
  const sql = ctx.bind([meters], (m) => {
    const arms = Object.entries(UNITS).map(([u, f]) => `WHEN '${u}' THEN ${m} / ${f}`)
    return `(CASE ${name} ${arms.join(' ')} END)`
  })
  return { sql, type: 'number' }
}

/** POINT, DISTANCE, WITHIN, LONGITUDE, LATITUDE. */
export const GEO_FUNCTIONS: SqlFunctionTable = {
  POINT: eager((ctx, [lng, lat]) => {
    const pair = `ARRAY[${numberArg(ctx, lng!).sql}, ${numberArg(ctx, lat!).sql}]::double precision[]`
    return { sql: point(ctx, { sql: pair, type: 'geo' })!, type: 'geo' }
  }),
  DISTANCE: eager(distance),
  WITHIN: eager((ctx, [p, center, radius]) => {
    const a = point(ctx, p!)
    const b = point(ctx, center!)
    if (a === undefined || b === undefined) return nullOf('boolean')
    return { sql: `(${haversine(ctx, a, b)} <= ${numberArg(ctx, radius!).sql})`, type: 'boolean' }
  }),
  LONGITUDE: eager((ctx, [p]) => {
    const a = point(ctx, p!)
    return a === undefined ? nullOf('number') : { sql: `(${a})[1]`, type: 'number' }
  }),
  LATITUDE: eager((ctx, [p]) => {
    const a = point(ctx, p!)
    return a === undefined ? nullOf('number') : { sql: `(${a})[2]`, type: 'number' }
  }),
}
