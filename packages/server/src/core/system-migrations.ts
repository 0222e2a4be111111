import type { Migration } from '../adapters/database/migrate.js'

/** The schema that holds Basalt's own tables, apart from the app's data. */
export const SYSTEM_SCHEMA = 'basalt'

/** Basalt's own schema changes, in order. Applied ones are never edited: add a new version. */
export const SYSTEM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'keys',
    sql: `
      CREATE TABLE basalt.keys (
        id text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('client', 'api')),
        name text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        domains text[] NOT NULL DEFAULT '{}',
        modules text[] NOT NULL DEFAULT '{}',
        enforce_session boolean NOT NULL DEFAULT false,
        rate_limit_max integer,
        rate_limit_window_seconds integer,
        access text NOT NULL DEFAULT 'full'
          CHECK (access IN ('full', 'read-only', 'allow', 'deny')),
        endpoints text[] NOT NULL DEFAULT '{}'
      )`,
  },
  {
    version: 2,
    name: 'outbox',
    sql: `
      CREATE TABLE basalt.outbox (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('mail', 'sms')),
        recipient text NOT NULL,
        subject text,
        body text NOT NULL,
        html text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_recipient ON basalt.outbox (recipient, created_at DESC)`,
  },
]
