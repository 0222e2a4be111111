import type { ListItemType, ResolvedField } from '../model-types.js'
import type { Violations } from './violations.js'

/** A value that failed its field's type or built-in rules (the violation is recorded). */
export const INVALID = Symbol('invalid')

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9]{7,15}$/
const OBJECT_ID = /^[0-9a-fA-F]{24}$/

/**
 * A scalar or list value from the wire as the field stores it: dates become Date, ids lower
 * case, decimals rounded to their places. `null` clears the field. Records violations of the
 * type and of the built-in rules (length, range, pattern, allowed values) and answers INVALID.
 */
export function coerceField(
  field: ResolvedField,
  raw: unknown,
  path: string,
  violations: Violations,
): unknown {
  if (raw === null) return null
  const bad = (rule: string, message: string) => {
    violations.add(path, rule, message, raw)
    return INVALID
  }
  switch (field.type) {
    case 'text':
    case 'rich-text':
    case 'encrypted-text':
      return typeof raw === 'string'
        ? checkText(field, raw, path, violations)
        : bad('type', 'expected a text')
    case 'email':
      if (typeof raw !== 'string') return bad('type', 'expected a text')
      return EMAIL.test(raw)
        ? checkText(field, raw, path, violations)
        : bad('format', 'expected an email address')
    case 'link':
      if (typeof raw !== 'string') return bad('type', 'expected a text')
      return isHttpUrl(raw)
        ? checkText(field, raw, path, violations)
        : bad('format', 'expected an http(s) URL')
    case 'phone':
      if (typeof raw !== 'string') return bad('type', 'expected a text')
      return PHONE.test(raw) ? raw : bad('format', 'expected a phone number with its country code')
    case 'option':
      if (typeof raw !== 'string') return bad('type', 'expected a text')
      return checkOption(field, raw, path, violations)
    case 'option-list':
      return coerceOptionList(field, raw, path, violations)
    case 'integer':
    case 'decimal':
      return coerceNumber(field, raw, path, violations)
    case 'boolean':
      return typeof raw === 'boolean' ? raw : bad('type', 'expected true or false')
    case 'date-time':
      return coerceDate(raw) ?? bad('type', 'expected an ISO-8601 date-time')
    case 'object-id':
    case 'reference':
      return typeof raw === 'string' && OBJECT_ID.test(raw)
        ? raw.toLowerCase()
        : bad('type', 'expected a 24-character hexadecimal id')
    case 'geo-point':
      return isGeoPoint(raw) ? [raw[0], raw[1]] : bad('type', 'expected [longitude, latitude]')
    case 'basic-values-list':
      return coerceList(field, raw, path, violations)
    case 'json':
      return typeof raw === 'object' ? raw : bad('type', 'expected an object or a list')
    case 'auto-increment':
      return bad('readOnly', 'is numbered by the server')
    case 'object':
    case 'object-list':
      return bad('type', 'is a sub-model')
  }
}

function checkText(
  field: ResolvedField,
  text: string,
  path: string,
  violations: Violations,
): unknown {
  const length = [...text].length
  if (field.minLength !== undefined && length < field.minLength) {
    violations.add(path, 'minLength', `must have at least ${field.minLength} characters`, text)
    return INVALID
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    violations.add(path, 'maxLength', `must have at most ${field.maxLength} characters`, text)
    return INVALID
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(text)) {
    violations.add(path, 'pattern', `must match ${field.pattern}`, text)
    return INVALID
  }
  return text
}

function checkOption(
  field: ResolvedField,
  value: string,
  path: string,
  violations: Violations,
): unknown {
  if (!field.values || field.values.includes(value)) return value
  violations.add(path, 'values', `must be one of ${field.values.join(', ')}`, value)
  return INVALID
}

function coerceOptionList(
  field: ResolvedField,
  raw: unknown,
  path: string,
  violations: Violations,
): unknown {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== 'string')) {
    violations.add(path, 'type', 'expected a list of texts', raw)
    return INVALID
  }
  const results = (raw as string[]).map((item, i) =>
    checkOption(field, item, `${path}.${i}`, violations),
  )
  return results.includes(INVALID) ? INVALID : results
}

function coerceNumber(
  field: ResolvedField,
  raw: unknown,
  path: string,
  violations: Violations,
): unknown {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    violations.add(path, 'type', 'expected a number', raw)
    return INVALID
  }
  if (field.type === 'integer' && !Number.isSafeInteger(raw)) {
    violations.add(path, 'type', 'expected a whole number', raw)
    return INVALID
  }
  const value = field.decimalPlaces === undefined ? raw : roundTo(raw, field.decimalPlaces)
  if (field.min !== undefined && value < field.min) {
    violations.add(path, 'min', `must be at least ${field.min}`, raw)
    return INVALID
  }
  if (field.max !== undefined && value > field.max) {
    violations.add(path, 'max', `must be at most ${field.max}`, raw)
    return INVALID
  }
  return value
}

function coerceList(
  field: ResolvedField,
  raw: unknown,
  path: string,
  violations: Violations,
): unknown {
  if (!Array.isArray(raw)) {
    violations.add(path, 'type', 'expected a list', raw)
    return INVALID
  }
  const items = raw.map((item) => coerceItem(field.itemType ?? 'text', item))
  const badIndex = items.indexOf(INVALID)
  if (badIndex !== -1) {
    violations.add(
      `${path}.${badIndex}`,
      'type',
      `expected ${ITEM_NAMES[field.itemType ?? 'text']}`,
      raw[badIndex],
    )
    return INVALID
  }
  return items
}

const ITEM_NAMES: Record<ListItemType, string> = {
  text: 'a text',
  integer: 'a whole number',
  decimal: 'a number',
  boolean: 'true or false',
  'date-time': 'an ISO-8601 date-time',
  'object-id': 'a 24-character hexadecimal id',
}

/** One element of a basic-values list; null elements are not stored. */
function coerceItem(type: ListItemType, item: unknown): unknown {
  switch (type) {
    case 'text':
      return typeof item === 'string' ? item : INVALID
    case 'integer':
      return Number.isSafeInteger(item) ? item : INVALID
    case 'decimal':
      return typeof item === 'number' && Number.isFinite(item) ? item : INVALID
    case 'boolean':
      return typeof item === 'boolean' ? item : INVALID
    case 'date-time':
      return coerceDate(item) ?? INVALID
    case 'object-id':
      return typeof item === 'string' && OBJECT_ID.test(item) ? item.toLowerCase() : INVALID
  }
}

/** A Date from an ISO-8601 text or a Date; undefined otherwise. */
export function coerceDate(raw: unknown): Date | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(raw)) return undefined
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function isGeoPoint(raw: unknown): raw is [number, number] {
  return (
    Array.isArray(raw) &&
    raw.length === 2 &&
    typeof raw[0] === 'number' &&
    typeof raw[1] === 'number' &&
    Math.abs(raw[0]) <= 180 &&
    Math.abs(raw[1]) <= 90
  )
}

function roundTo(value: number, places: number): number {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}
