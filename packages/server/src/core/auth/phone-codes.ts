import { randomInt } from 'node:crypto'
import type { Queryable } from '../../adapters/database/database.js'
import { newObjectId } from '../../tools/ids.js'
import { hashSecret, safeEqual } from '../../tools/secrets.js'

/** What an SMS code is for. */
export type CodePurpose = 'verify-phone' | 'sign-in' | 'reset-pwd' | 'change-phone'

/** A code that matched: whose, and what it carried. */
export interface AcceptedCode {
  userId: string | null
  data: Record<string, unknown>
}

const DIGITS = 6

/** Issues a 6-digit code for a phone and purpose; earlier unused codes of that pair lapse. */
export async function issueCode(
  db: Queryable,
  purpose: CodePurpose,
  phone: string,
  userId: string | null,
  ttlSeconds: number,
  data: Record<string, unknown> = {},
): Promise<string> {
  const code = String(randomInt(0, 10 ** DIGITS)).padStart(DIGITS, '0')
  await db.query(
    `UPDATE basalt.auth_codes SET used_at = now()
     WHERE phone = $1 AND purpose = $2 AND used_at IS NULL`,
    [phone, purpose],
  )
  await db.query(
    `INSERT INTO basalt.auth_codes (id, purpose, phone, user_id, code_hash, data, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
    [newObjectId(), purpose, phone, userId, hashSecret(code), data, ttlSeconds],
  )
  return code
}

/**
 * Checks a code against the newest live code of a phone and purpose. Each wrong guess counts;
 * after `maxAttempts` the code is dead. A right code is used up.
 */
export async function acceptCode(
  db: Queryable,
  purpose: CodePurpose,
  phone: string,
  code: string,
  maxAttempts: number,
): Promise<AcceptedCode | undefined> {
  const rows = await db.query<{
    id: string
    code_hash: string
    user_id: string | null
    data: Record<string, unknown>
  }>(
    `UPDATE basalt.auth_codes SET attempts = attempts + 1
     WHERE id = (SELECT id FROM basalt.auth_codes
                 WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
                   AND attempts < $3
                 ORDER BY created_at DESC LIMIT 1 FOR UPDATE)
     RETURNING id, code_hash, user_id, data`,
    [phone, purpose, maxAttempts],
  )
  const row = rows[0]
  if (!row || !safeEqual(row.code_hash, hashSecret(String(code)))) return undefined
  await db.query('UPDATE basalt.auth_codes SET used_at = now() WHERE id = $1', [row.id])
  return { userId: row.user_id, data: row.data }
}
