import { fail } from '../../tools/errors.js'

/** Fields a client may never set on itself: identity, verification and bookkeeping. */
const PROTECTED = new Set([
  '_id',
  'id',
  'provider',
  'providerUserId',
  'email',
  'phone',
  'password',
  'emailVerified',
  'phoneVerified',
  'signUpAt',
  'lastLoginAt',
])
const MAX_BYTES = 16 * 1024

/** The parts of `nameOrUserData`: a name, a picture, and the app's own extra fields. */
export interface ProfileInput {
  name: string | null
  profilePicture: string | null
  data: Record<string, unknown>
}

/**
 * Reads `nameOrUserData` (a name, or an object of user fields). Protected fields are refused,
 * not silently dropped, so that an app relying on them (`emailVerified: true`) learns why.
 */
export function readProfile(value: unknown): ProfileInput {
  if (value === undefined || value === null || value === '') {
    return { name: null, profilePicture: null, data: {} }
  }
  if (typeof value === 'string')
    return { name: value.slice(0, 256), profilePicture: null, data: {} }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw fail('validation_error', "'nameOrUserData' must be a name or an object of user fields.", {
      field: 'nameOrUserData',
    })
  }
  const { name, profilePicture, ...data } = value as Record<string, unknown>
  const refused = Object.keys(value).filter((key) => PROTECTED.has(key))
  if (refused.length > 0) {
    throw fail('validation_error', `A client cannot set ${refused.join(', ')} on a user.`, {
      field: 'nameOrUserData',
      protectedFields: refused,
    })
  }
  if (JSON.stringify(data).length > MAX_BYTES) {
    throw fail('validation_error', `User data is larger than ${MAX_BYTES} bytes.`, {
      field: 'nameOrUserData',
    })
  }
  return {
    name: typeof name === 'string' ? name.slice(0, 256) : null,
    profilePicture: typeof profilePicture === 'string' ? profilePicture.slice(0, 2048) : null,
    data,
  }
}
