import type { z } from 'zod'
import { SYSTEM_FIELDS } from '../core/db/model-types.js'

/** Longest model or field name: leaves room for SQL names built from them. */
export const MAX_NAME_LENGTH = 40

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/

/** The shape checkModels walks; the per-field schemas have checked the rest. */
interface FieldShape {
  type: string
  model?: string
  fields?: Record<string, FieldShape>
  fuzzySearchable?: boolean
  min?: number
  max?: number
  minLength?: number
  maxLength?: number
}

type Models = Record<string, { fields: Record<string, FieldShape> }>
type Path = (string | number)[]
type Report = (path: Path, message: string) => void

/**
 * The checks that look across fields and models: names (valid, unreserved, model names unique
 * case-insensitively), reference targets, fuzzy search on sub-models, and min/max pairs.
 */
export function checkModels(models: Models, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', message, path })
  const seen = new Map<string, string>()
  for (const name of Object.keys(models)) {
    checkName(name, 'model', [name], report)
    const other = seen.get(name.toLowerCase())
    if (other) {
      report([name], `model '${name}' has the same name as '${other}' (names ignore case)`)
    }
    seen.set(name.toLowerCase(), name)
  }
  const paths = modelPaths(models)
  for (const [name, model] of Object.entries(models)) {
    checkFields(model.fields, [name, 'fields'], true, paths, report)
  }
}

function checkFields(
  fields: Record<string, FieldShape>,
  at: Path,
  topLevel: boolean,
  paths: readonly string[],
  report: Report,
): void {
  for (const [name, field] of Object.entries(fields ?? {})) {
    const path = [...at, name]
    checkFieldName(name, path, report)
    if (field.fuzzySearchable && !topLevel) {
      report(
        [...path, 'fuzzySearchable'],
        'fuzzy search applies to fields of top-level models only, not of sub-models',
      )
    }
    if (field.type === 'reference' && typeof field.model === 'string') {
      checkReference(field.model, [...path, 'model'], paths, report)
    }
    checkRange(field.min, field.max, 'min', 'max', path, report)
    checkRange(field.minLength, field.maxLength, 'minLength', 'maxLength', path, report)
    if (field.fields) checkFields(field.fields, [...path, 'fields'], false, paths, report)
  }
}

function checkName(name: string, kind: string, path: Path, report: Report): void {
  if (!NAME_PATTERN.test(name)) {
    const reason = name.startsWith('_')
      ? "names starting with '_' are reserved for system fields"
      : 'use letters, digits and _, starting with a letter'
    report(path, `'${name}' is not a valid ${kind} name: ${reason}`)
  } else if (name.length > MAX_NAME_LENGTH) {
    report(path, `'${name}' is too long for a ${kind} name (at most ${MAX_NAME_LENGTH} characters)`)
  } else if (name.includes('__')) {
    report(path, `'${name}' is not a valid ${kind} name: '__' is kept for sub-model table names`)
  }
}

function checkFieldName(name: string, path: Path, report: Report): void {
  if ((SYSTEM_FIELDS as readonly string[]).includes(name)) {
    report(
      path,
      `'${name}' is a system field, managed by Basalt (${SYSTEM_FIELDS.join(', ')}): ` +
        'choose another name',
    )
    return
  }
  checkName(name, 'field', path, report)
}

function checkReference(target: string, path: Path, paths: readonly string[], report: Report) {
  if (paths.includes(target)) return
  const sameIgnoringCase = paths.find((known) => known.toLowerCase() === target.toLowerCase())
  const hint = sameIgnoringCase
    ? `did you mean '${sameIgnoringCase}'?`
    : `known models: ${paths.join(', ') || 'none'}`
  report(path, `references unknown model '${target}' (${hint})`)
}

function checkRange(
  low: number | undefined,
  high: number | undefined,
  lowName: string,
  highName: string,
  path: Path,
  report: Report,
): void {
  if (low !== undefined && high !== undefined && low > high) {
    report([...path, lowName], `${lowName} (${low}) is above ${highName} (${high})`)
  }
}

/** Every model and sub-model by dot path (`posts`, `posts.comments`). */
function modelPaths(models: Models): string[] {
  const paths: string[] = []
  const walk = (prefix: string, fields: Record<string, FieldShape> | undefined) => {
    for (const [name, field] of Object.entries(fields ?? {})) {
      if (!field.fields) continue
      paths.push(`${prefix}.${name}`)
      walk(`${prefix}.${name}`, field.fields)
    }
  }
  for (const [name, model] of Object.entries(models)) {
    paths.push(name)
    walk(name, model.fields)
  }
  return paths
}
