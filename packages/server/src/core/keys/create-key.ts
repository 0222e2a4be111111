import { MODULES } from '@basalt/protocol'
import type { Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import { newObjectId } from '../../tools/ids.js'
import { hashSecret, randomSecret } from '../../tools/secrets.js'
import { insertKey } from './key-store.js'
import type { KeyRecord, KeySpec } from './key-types.js'
import { announceKeyChange } from './key-verifier.js'

const SECRET_PREFIX = { client: 'bck_', api: 'bak_' } as const
const SECRET_BYTES = 32
const PREFIX_LENGTH = 12

/** A new key: the secret (shown once, never stored) and its record. */
export interface CreatedKey {
  secret: string
  record: KeyRecord
}

/**
 * Creates a client or API key, storing only the hash of its secret. Inside a transaction, the
 * other processes hear of it when the transaction commits.
 */
export async function createKey(db: Queryable, spec: KeySpec): Promise<CreatedKey> {
  validateSpec(spec)
  const secret = randomSecret(SECRET_BYTES, SECRET_PREFIX[spec.type])
  const record: KeyRecord = {
    id: newObjectId(),
    type: spec.type,
    name: spec.name.trim(),
    prefix: secret.slice(0, PREFIX_LENGTH),
    createdAt: new Date(),
    expiresAt: spec.expiresAt ?? null,
    revokedAt: null,
    domains: spec.domains ?? [],
    modules: spec.type === 'client' ? (spec.modules ?? [...MODULES]) : [],
    enforceSession: spec.type === 'client' && (spec.enforceSession ?? false),
    rateLimit: spec.type === 'client' ? (spec.rateLimit ?? null) : null,
    access: spec.type === 'api' ? (spec.access ?? 'full') : 'full',
    endpoints: spec.type === 'api' ? (spec.endpoints ?? []) : [],
  }
  await insertKey(db, record, hashSecret(secret))
  await announceKeyChange(db, record.id)
  return { secret, record }
}

function validateSpec(spec: KeySpec): void {
  if (!spec.name.trim()) throw fail('validation_error', 'A key needs a name.', { field: 'name' })
  if (spec.expiresAt && spec.expiresAt.getTime() <= Date.now()) {
    throw fail('validation_error', 'A key cannot expire in the past.', { field: 'expiresAt' })
  }
  const listed = spec.access === 'allow' || spec.access === 'deny'
  if (spec.type === 'api' && listed && !spec.endpoints?.length) {
    throw fail('validation_error', `An API key with access '${spec.access}' needs endpoints.`, {
      field: 'endpoints',
    })
  }
}
