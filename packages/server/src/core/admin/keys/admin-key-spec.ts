import type { ModuleName } from '@basalt/protocol'
import { fail } from '../../../tools/errors.js'
import type { ApiAccess, KeySpec, KeyType, RateLimit } from '../../keys/key-types.js'

/** A key as the admin API creates it: the fields of `POST /keys`, shapes already checked. */
export interface AdminKeyInput {
  type: KeyType
  name?: string | undefined
  modules?: ModuleName[] | undefined
  domains?: string[] | undefined
  enforceSession?: boolean | undefined
  rateLimit?: RateLimit | undefined
  access?: ApiAccess | undefined
  endpoints?: string[] | undefined
  expiresAt?: Date | undefined
}

/** An endpoint pattern: a path, optionally after a method (`/orders`, `POST /users/*`). */
export const ENDPOINT_PATTERN = /^([A-Za-z]+\s+)?\/\S*$/

const CLIENT_ONLY = ['modules', 'enforceSession', 'rateLimit'] as const
const API_ONLY = ['access', 'endpoints'] as const

/**
 * Checks the fields of a new key against each other, as `basalt keys create` does with its
 * flags (fields of the other key type, `access` and `endpoints` together, a future expiry), and
 * turns them into a KeySpec. Each refusal is a validation_error naming the field.
 */
export function adminKeySpec(input: AdminKeyInput, now: Date = new Date()): KeySpec {
  const misplaced = input.type === 'api' ? CLIENT_ONLY : API_ONLY
  const given = misplaced.find((key) => input[key] !== undefined)
  if (given !== undefined) {
    const other = input.type === 'api' ? 'client' : 'api'
    invalid(given, `'${given}' applies to ${other} keys only, not ${input.type} keys.`)
  }
  const listed = input.access === 'allow' || input.access === 'deny'
  if (listed && !input.endpoints?.length) {
    invalid('endpoints', `An API key with access '${input.access}' needs endpoints.`)
  }
  if (!listed && input.endpoints !== undefined) {
    invalid('endpoints', "'endpoints' needs access 'allow' or 'deny'.")
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    invalid('expiresAt', 'A key cannot expire in the past.')
  }
  const name = input.name ?? `${input.type} key`
  if (!name.trim()) invalid('name', 'A key needs a name.')
  return {
    type: input.type,
    name,
    ...(input.expiresAt && { expiresAt: input.expiresAt }),
    ...(input.domains && { domains: input.domains }),
    ...(input.modules && { modules: [...new Set(input.modules)] }),
    ...(input.enforceSession && { enforceSession: true }),
    ...(input.rateLimit && { rateLimit: input.rateLimit }),
    ...(input.access && { access: input.access }),
    ...(input.endpoints && { endpoints: input.endpoints }),
  }
}

function invalid(field: string, message: string): never {
  throw fail('validation_error', message, { field })
}
