import { parsePhoneNumberWithError } from 'libphonenumber-js'
import { fail } from '../../tools/errors.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_EMAIL = 254

/** A trimmed email address, or a validation error naming `field`. */
export function normalizeEmail(value: unknown, field = 'email'): string {
  if (typeof value !== 'string' || !value.trim()) throw required(field)
  const email = value.trim()
  if (email.length > MAX_EMAIL || !EMAIL.test(email)) {
    throw fail('validation_error', `'${field}' is not a valid email address.`, { field })
  }
  return email
}

/** A phone number in E.164 form (`+15551234567`), or a validation error naming `field`. */
export function normalizePhone(value: unknown, field = 'phone'): string {
  if (typeof value !== 'string' || !value.trim()) throw required(field)
  try {
    const phone = parsePhoneNumberWithError(value.trim())
    if (phone.isPossible()) return phone.number
  } catch {
    // fall through to the same answer as an impossible number
  }
  throw fail(
    'validation_error',
    `'${field}' is not a valid phone number; use the international form, like +15551234567.`,
    { field },
  )
}

/** A non-empty string within `max` characters, or a validation error naming `field`. */
export function requireText(value: unknown, field: string, max = 1024): string {
  if (typeof value !== 'string' || value === '') throw required(field)
  if (value.length > max) {
    throw fail('validation_error', `'${field}' is longer than ${max} characters.`, { field })
  }
  return value
}

function required(field: string) {
  return fail('validation_error', `'${field}' is required.`, { field, rule: 'required' })
}
