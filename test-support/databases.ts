import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'

/** A PostgreSQL server the suites run against. */
export interface PgTarget {
  name: 'embedded' | 'external'
  /** A URL to any database of that server, used to create and drop test databases. */
  adminUrl: string
}

/** The embedded server always; the external one too when BASALT_TEST_PG_URL is set. */
export function pgTargets(): PgTarget[] {
  const targets: PgTarget[] = [{ name: 'embedded', adminUrl: inject('embeddedPgUrl') }]
  const external = process.env.BASALT_TEST_PG_URL
  if (external) targets.push({ name: 'external', adminUrl: external })
  return targets
}

/** Redis targets: the external one when BASALT_TEST_REDIS_URL is set. */
export function redisUrl(): string | undefined {
  return process.env.BASALT_TEST_REDIS_URL || undefined
}

/** A fresh database for one test file, and the way to drop it. */
export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** Creates an empty database on a target's server. */
export async function createTestDatabase(target: PgTarget): Promise<TestDatabase> {
  const name = `basalt_t_${randomBytes(6).toString('hex')}`
  await adminQuery(target.adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(target.adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
