import { ClientError } from './client-error.js'

/**
 * The published `checkRequired`: throws `missing_required_value` when `value` is null,
 * undefined, `''` or a whitespace-only string.
 */
export function checkRequired(name: string, value: unknown): void {
  const blank = typeof value === 'string' && value.trim() === ''
  if (value === null || value === undefined || blank) {
    throw new ClientError(
      'missing_required_value',
      `${name} is a required parameter, cannot be left empty`,
    )
  }
}
