import type { Database } from '../../adapters/database/database.js'
import { createKey } from './create-key.js'
import type { CreatedKey } from './create-key.js'

const LOCK_KEY = 'basalt.development-key'

/**
 * On the first start of an empty app (no key at all), creates a client key with every module
 * so that a newcomer has something to paste into createClient. Answers it, or undefined when
 * keys already exist. Two processes starting together create one key, not two.
 */
export async function ensureDevelopmentKey(db: Database): Promise<CreatedKey | undefined> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY])
    const rows = await tx.query<{ exists: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM basalt.keys) AS exists',
    )
    if (rows[0]?.exists) return undefined
    return createKey(tx, { type: 'client', name: 'development' })
  })
}
