import { ApiError } from '../../api.js'

/** The error codes of storage that are about a bucket's or file's name. */
export const NAME_CODES = [
  'invalid_name',
  'bucket_already_exists',
  'file_already_exists',
  'root_bucket_protected',
] as const

/**
 * The message of `error` when it belongs at `field`: the API put it there (`details.field`, or
 * a validation issue whose `path` is the field) or its code is one of `codes`; else undefined.
 */
export function fieldError(
  error: unknown,
  field: string,
  codes: readonly string[] = [],
): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  if (error.details?.field === field || codes.includes(error.code)) return error.message
  const issues = error.details?.issues
  if (!Array.isArray(issues)) return undefined
  const issue = (issues as { path?: unknown; message?: unknown }[]).find((i) => i?.path === field)
  return issue ? String(issue.message ?? error.message) : undefined
}

/** `error` unless it is shown at one of `fields` (see fieldError), then null. */
export function formError(
  error: unknown,
  fields: string[],
  codes: readonly string[] = [],
): unknown {
  return fields.some((field) => fieldError(error, field, codes) !== undefined) ? null : error
}
