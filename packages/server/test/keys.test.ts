import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/adapters/database/database.js'
import { migrate } from '../src/adapters/database/migrate.js'
import { AdminRecords } from '../src/core/admin/admin-records.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import { createKey } from '../src/core/keys/create-key.js'
import { ensureDevelopmentKey } from '../src/core/keys/development-key.js'
import { listKeys } from '../src/core/keys/key-store.js'
import { KeyVerifier } from '../src/core/keys/key-verifier.js'
import { revokeKey } from '../src/core/keys/revoke-key.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

describe.each(pgTargets())('keys on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  let db: Database
  let otherProcess: Database // a second pool stands for a second Basalt process

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = new PostgresDatabase({ connectionString: testDb.url })
    otherProcess = new PostgresDatabase({ connectionString: testDb.url })
    await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  })
  afterAll(async () => {
    await db.close()
    await otherProcess.close()
    await testDb.drop()
  })

  it('creates one development key on an empty app, even when two processes race', async () => {
    const [a, b] = await Promise.all([ensureDevelopmentKey(db), ensureDevelopmentKey(otherProcess)])
    const created = [a, b].filter((key) => key !== undefined)
    expect(created).toHaveLength(1)
    expect(created[0]!.secret).toMatch(/^bck_[\w-]{43}$/)
    expect(created[0]!.record.modules).toContain('db')
    expect(await ensureDevelopmentKey(db)).toBeUndefined()
  })

  it('stores only a hash of the secret', async () => {
    const { secret, record } = await createKey(db, { type: 'client', name: 'hash check' })
    const rows = await db.query('SELECT * FROM basalt.keys WHERE id = $1', [record.id])
    expect(JSON.stringify(rows)).not.toContain(secret)
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('verifies client keys and refuses unknown ones, API keys and foreign origins', async () => {
    const verifier = new KeyVerifier(db)
    const client = await createKey(db, { type: 'client', name: 'web', domains: ['app.test'] })
    const api = await createKey(db, { type: 'api', name: 'server' })
    await expect(
      verifier.verifyClientKey(client.secret, 'https://app.test'),
    ).resolves.toMatchObject({
      id: client.record.id,
    })
    await expect(verifier.verifyClientKey('bck_unknown', undefined)).rejects.toMatchObject({
      code: 'invalid_client_key',
    })
    await expect(verifier.verifyClientKey(api.secret, undefined)).rejects.toMatchObject({
      code: 'invalid_client_key',
    })
    await expect(
      verifier.verifyClientKey(client.secret, 'https://evil.test'),
    ).rejects.toMatchObject({ code: 'domain_not_allowed', status: 403 })
  })

  it('checks API key access rules', async () => {
    const verifier = new KeyVerifier(db)
    const readOnly = await createKey(db, { type: 'api', name: 'ro', access: 'read-only' })
    await expect(
      verifier.verifyApiKey(readOnly.secret, undefined, 'GET', '/x'),
    ).resolves.toBeTruthy()
    await expect(
      verifier.verifyApiKey(readOnly.secret, undefined, 'POST', '/x'),
    ).rejects.toMatchObject({ code: 'endpoint_not_allowed' })
    await expect(verifier.verifyApiKey('bak_nope', undefined, 'GET', '/x')).rejects.toMatchObject({
      code: 'invalid_api_key',
    })
  })

  it('forgets a revoked key at once in every process, cache or not', async () => {
    const here = new KeyVerifier(db)
    const there = new KeyVerifier(otherProcess)
    await here.start()
    await there.start()
    const { secret, record } = await createKey(db, { type: 'client', name: 'to revoke' })
    expect(await here.lookup(secret)).toBeDefined()
    expect(await there.lookup(secret)).toBeDefined() // now cached in both

    const hear = (on: Database) =>
      new Promise<void>((resolve) => void on.listen('basalt_keys', () => resolve()))
    const heard = Promise.all([hear(db), hear(otherProcess)])
    await revokeKey(db, record.id)
    await heard
    expect(await here.lookup(secret)).toBeUndefined()
    expect(await there.lookup(secret)).toBeUndefined()
    const listed = await listKeys(db, 'client')
    expect(listed.find((key) => key.id === record.id)?.revokedAt).toBeInstanceOf(Date)
  })

  it('refuses a key revoked through the admin API on this process before its notification', async () => {
    // Not started: this verifier never hears notifications, so only the revoke itself can clear it.
    const verifier = new KeyVerifier(db)
    const records = new AdminRecords(db, verifier)
    const { secret, record } = await createKey(db, { type: 'client', name: 'admin revoke' })
    expect(await verifier.lookup(secret)).toBeDefined()
    expect((await records.revokeKey(record.id))?.id).toBe(record.id)
    expect(await verifier.lookup(secret)).toBeUndefined()
  })

  it('sees a key created by another process although it had cached it as unknown', async () => {
    const verifier = new KeyVerifier(db)
    await verifier.start()
    const heard = new Promise<void>((resolve) => void db.listen('basalt_keys', () => resolve()))
    const created = await createKey(otherProcess, { type: 'client', name: 'late' })
    await heard
    expect(await verifier.lookup(created.secret)).toBeDefined()
  })

  it('revokes by unique prefix, refuses an ambiguous one, and ignores unknown ids', async () => {
    const { record } = await createKey(db, { type: 'client', name: 'by prefix' })
    expect((await revokeKey(db, record.prefix))?.id).toBe(record.id)
    const twin = await createKey(db, { type: 'client', name: 'twin' })
    await db.query('UPDATE basalt.keys SET prefix = $1 WHERE id = $2', [
      record.prefix,
      twin.record.id,
    ])
    await expect(revokeKey(db, record.prefix)).rejects.toMatchObject({ code: 'validation_error' })
    expect(await revokeKey(db, 'f'.repeat(24))).toBeUndefined()
  })

  it('refuses an expired key and an invalid spec', async () => {
    const verifier = new KeyVerifier(db)
    const soon = await createKey(db, {
      type: 'client',
      name: 'short',
      expiresAt: new Date(Date.now() + 60_000),
    })
    await db.query(
      `UPDATE basalt.keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [soon.record.id],
    )
    await expect(verifier.verifyClientKey(soon.secret, undefined)).rejects.toMatchObject({
      code: 'invalid_client_key',
    })
    await expect(createKey(db, { type: 'client', name: '  ' })).rejects.toMatchObject({
      code: 'validation_error',
    })
    await expect(
      createKey(db, { type: 'api', name: 'empty allow-list', access: 'allow' }),
    ).rejects.toMatchObject({ code: 'validation_error', details: { field: 'endpoints' } })
  })
})
