import type { ModuleName } from '@basalt/protocol'
import type { Queryable } from '../../adapters/database/database.js'
import type { ApiAccess, KeyRecord, KeyType } from './key-types.js'

type KeyRow = {
  id: string
  type: KeyType
  name: string
  prefix: string
  created_at: Date
  expires_at: Date | null
  revoked_at: Date | null
  domains: string[]
  modules: ModuleName[]
  enforce_session: boolean
  rate_limit_max: number | null
  rate_limit_window_seconds: number | null
  access: ApiAccess
  endpoints: string[]
}

const COLUMNS = `id, type, name, prefix, created_at, expires_at, revoked_at, domains, modules,
  enforce_session, rate_limit_max, rate_limit_window_seconds, access, endpoints`

/** Inserts a key record with the hash of its secret. */
export async function insertKey(db: Queryable, record: KeyRecord, hash: string): Promise<void> {
  await db.query(
    `INSERT INTO basalt.keys (id, type, name, key_hash, prefix, created_at, expires_at, domains,
       modules, enforce_session, rate_limit_max, rate_limit_window_seconds, access, endpoints)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      record.id,
      record.type,
      record.name,
      hash,
      record.prefix,
      record.createdAt,
      record.expiresAt,
      record.domains,
      record.modules,
      record.enforceSession,
      record.rateLimit?.max ?? null,
      record.rateLimit?.windowSeconds ?? null,
      record.access,
      record.endpoints,
    ],
  )
}

/** The key whose secret has this hash, revoked or not. */
export async function findKeyByHash(db: Queryable, hash: string): Promise<KeyRecord | undefined> {
  const rows = await db.query<KeyRow>(`SELECT ${COLUMNS} FROM basalt.keys WHERE key_hash = $1`, [
    hash,
  ])
  return rows[0] && toRecord(rows[0])
}

/** Every key of a type (or all), newest first. */
export async function listKeys(db: Queryable, type?: KeyType): Promise<KeyRecord[]> {
  const rows = await db.query<KeyRow>(
    `SELECT ${COLUMNS} FROM basalt.keys WHERE $1::text IS NULL OR type = $1
     ORDER BY created_at DESC, id DESC`,
    [type ?? null],
  )
  return rows.map(toRecord)
}

/** The ids of the keys with this id, or this prefix. */
export async function findKeyIds(db: Queryable, idOrPrefix: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM basalt.keys WHERE id = $1 OR prefix = $1',
    [idOrPrefix],
  )
  return rows.map((row) => row.id)
}

/** Marks one key revoked (idempotent) and answers its record. */
export async function markRevoked(db: Queryable, id: string): Promise<KeyRecord | undefined> {
  const rows = await db.query<KeyRow>(
    `UPDATE basalt.keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id],
  )
  return rows[0] && toRecord(rows[0])
}

function toRecord(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    domains: row.domains,
    modules: row.modules,
    enforceSession: row.enforce_session,
    rateLimit:
      row.rate_limit_max !== null && row.rate_limit_window_seconds !== null
        ? { max: row.rate_limit_max, windowSeconds: row.rate_limit_window_seconds }
        : null,
    access: row.access,
    endpoints: row.endpoints,
  }
}
