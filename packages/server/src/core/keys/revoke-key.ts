import type { Queryable } from '../../adapters/database/database.js'
import { revokeKey as markRevoked } from './key-store.js'
import type { KeyRecord } from './key-types.js'
import { announceKeyChange } from './key-verifier.js'

/** Revokes a key by id or prefix and tells every process to forget it at once. */
export async function revokeKey(db: Queryable, idOrPrefix: string): Promise<KeyRecord | undefined> {
  const record = await markRevoked(db, idOrPrefix)
  if (record) await announceKeyChange(db, record.id)
  return record
}
