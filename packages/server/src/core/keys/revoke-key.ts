import type { Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import { findKeyIds, markRevoked } from './key-store.js'
import type { KeyRecord } from './key-types.js'
import { announceKeyChange } from './key-verifier.js'

/**
 * Revokes a key by id or prefix and tells every process to forget it at once. Answers undefined
 * when nothing matches; refuses a prefix shared by several keys rather than revoke them all.
 */
export async function revokeKey(db: Queryable, idOrPrefix: string): Promise<KeyRecord | undefined> {
  const ids = await findKeyIds(db, idOrPrefix)
  if (ids.length > 1) {
    throw fail('validation_error', `'${idOrPrefix}' matches ${ids.length} keys; use the key id.`, {
      field: 'idOrPrefix',
      ids,
    })
  }
  if (!ids[0]) return undefined
  const record = await markRevoked(db, ids[0])
  if (record) await announceKeyChange(db, record.id)
  return record
}
