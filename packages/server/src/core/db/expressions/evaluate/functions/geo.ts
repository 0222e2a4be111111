import { asNumber, finite } from '../values.js'
import { hasNull } from './arguments.js'
import type { FunctionTable } from './function-types.js'

/** The Earth's mean radius in meters (IUGG), used by DISTANCE and WITHIN. */
export const EARTH_RADIUS_M = 6_371_008.8

/** Meters per DISTANCE unit. */
export const DISTANCE_UNITS: ReadonlyMap<string, number> = new Map([
  ['m', 1],
  ['km', 1000],
  ['mi', 1609.344],
])

/** A geo point `[lng, lat]` with -180 ≤ lng ≤ 180 and -90 ≤ lat ≤ 90, or undefined. */
export function asPoint(value: unknown): readonly [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined
  const lng = asNumber(value[0])
  const lat = asNumber(value[1])
  if (lng === undefined || lat === undefined) return undefined
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90 ? [lng, lat] : undefined
}

/** The great-circle distance in meters (haversine formula). */
export function haversineMeters(
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** POINT, DISTANCE, WITHIN, LONGITUDE, LATITUDE. */
export const GEO_FUNCTIONS: FunctionTable = {
  POINT: (args) => asPoint(args) ?? null,
  DISTANCE: (args) => {
    if (hasNull(args)) return null
    const a = asPoint(args[0])
    const b = asPoint(args[1])
    const unit = args.length > 2 ? DISTANCE_UNITS.get(String(args[2]).toLowerCase()) : 1
    if (a === undefined || b === undefined || unit === undefined) return null
    return finite(haversineMeters(a, b) / unit)
  },
  WITHIN: ([point, center, radius]) => {
    const a = asPoint(point)
    const b = asPoint(center)
    const r = asNumber(radius)
    return a === undefined || b === undefined || r === undefined ? null : haversineMeters(a, b) <= r
  },
  LONGITUDE: ([point]) => asPoint(point)?.[0] ?? null,
  LATITUDE: ([point]) => asPoint(point)?.[1] ?? null,
}
