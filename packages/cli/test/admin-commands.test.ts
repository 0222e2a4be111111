import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { assertBuilt, cliEnv, makeTempDir, runCli } from './helpers/cli-process.js'

const TIMEOUT = 120_000

describe('basalt admin (the built CLI)', () => {
  let dir: string
  let testDb: TestDatabase

  const admin = (args: string[], password?: string) =>
    runCli(
      ['admin', ...args, '--database-url', testDb.url],
      dir,
      cliEnv(password === undefined ? {} : { BASALT_ADMIN_PASSWORD: password }),
    )

  beforeAll(async () => {
    assertBuilt()
    dir = await makeTempDir('basalt-admin-')
    testDb = await createTestDatabase(pgTargets()[0]!)
  })
  afterAll(async () => {
    await testDb?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  it('creates, lists and deletes admin accounts', { timeout: TIMEOUT }, async () => {
    const created = await admin(['create', '--email', 'ops@example.com'], 'a-long-password-1')
    expect(created, created.stderr).toMatchObject({ code: 0, stderr: '' })
    expect(created.stdout).toMatch(/^Created admin ops@example\.com \(id [0-9a-f]{24}\)\.\n$/)
    const listed = await admin(['list', '--json'])
    expect(listed.code).toBe(0)
    const accounts = JSON.parse(listed.stdout) as { email: string; passwordHash?: string }[]
    expect(accounts.map((account) => account.email)).toEqual(['ops@example.com'])
    expect(accounts[0]!.passwordHash).toBeUndefined()
    const deleted = await admin(['delete', '--email', 'OPS@example.com'])
    expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted admin OPS@example.com.\n' })
    expect((await admin(['list'])).stdout).toContain('No admin accounts')
  })

  it(
    'refuses a short password, a taken email and an unknown one, in one line each',
    {
      timeout: TIMEOUT,
    },
    async () => {
      const short = await admin(['create', '--email', 'a@example.com'], 'short')
      expect(short).toMatchObject({ code: 1, stdout: '' })
      expect(short.stderr).toBe('basalt: the password must have 12 characters or more\n')
      expect((await admin(['create', '--email', 'b@example.com'], 'a-long-password-1')).code).toBe(
        0,
      )
      const taken = await admin(['create', '--email', 'B@example.com'], 'a-long-password-2')
      expect(taken.code).toBe(1)
      expect(taken.stderr).toBe('basalt: An admin account with this email exists.\n')
      const unknown = await admin(['delete', '--email', 'nobody@example.com'])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toBe('basalt: No admin account with this email exists.\n')
    },
  )

  it('asks for BASALT_ADMIN_PASSWORD when not at a terminal', async () => {
    const result = await admin(['create', '--email', 'c@example.com'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('BASALT_ADMIN_PASSWORD')
  })
})
