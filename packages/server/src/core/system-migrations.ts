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
  {
    version: 3,
    name: 'users and sessions',
    sql: `
      CREATE TABLE basalt.users (
        id text PRIMARY KEY,
        provider text NOT NULL DEFAULT 'basalt',
        provider_user_id text,
        email text,
        phone text,
        password_hash text,
        name text,
        profile_picture text,
        email_verified boolean NOT NULL DEFAULT false,
        phone_verified boolean NOT NULL DEFAULT false,
        sign_up_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        data jsonb NOT NULL DEFAULT '{}'
      );
      CREATE UNIQUE INDEX users_email ON basalt.users (lower(email)) WHERE email IS NOT NULL;
      CREATE UNIQUE INDEX users_phone ON basalt.users (phone) WHERE phone IS NOT NULL;
      CREATE UNIQUE INDEX users_provider ON basalt.users (provider, provider_user_id)
        WHERE provider_user_id IS NOT NULL;
      CREATE TABLE basalt.sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES basalt.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        user_agent jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX sessions_user ON basalt.sessions (user_id);
      CREATE TABLE basalt.auth_tokens (
        token_hash text PRIMARY KEY,
        purpose text NOT NULL,
        user_id text NOT NULL REFERENCES basalt.users (id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE basalt.auth_codes (
        id text PRIMARY KEY,
        purpose text NOT NULL,
        phone text NOT NULL,
        user_id text REFERENCES basalt.users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX auth_codes_lookup ON basalt.auth_codes (phone, purpose, created_at DESC)`,
  },
  {
    version: 4,
    name: 'oauth',
    sql: `
      CREATE TABLE basalt.oauth_states (
        state_hash text PRIMARY KEY,
        provider text NOT NULL,
        code_verifier text NOT NULL,
        nonce text,
        redirect_uri text NOT NULL,
        binding_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX oauth_states_expiry ON basalt.oauth_states (expires_at);
      CREATE TABLE basalt.oauth_identities (
        provider text NOT NULL,
        provider_user_id text NOT NULL,
        user_id text NOT NULL REFERENCES basalt.users (id) ON DELETE CASCADE,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        PRIMARY KEY (provider, provider_user_id)
      );
      CREATE INDEX oauth_identities_user ON basalt.oauth_identities (user_id)`,
  },
  {
    version: 5,
    name: 'app schema',
    // pg_trgm serves fuzzy search. A server without it, or a role that may not create it, still
    // starts: a model that asks for fuzzy search is refused by the schema sync, naming the cause.
    sql: `
      CREATE SCHEMA IF NOT EXISTS app;
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm not installed: %', SQLERRM;
      END
      $$;
      CREATE TABLE basalt.schema_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now(),
        description text NOT NULL,
        sql text NOT NULL,
        data_loss boolean NOT NULL
      )`,
  },
  {
    version: 6,
    name: 'queues and tasks',
    // Status rows the client reads; the jobs themselves live in pg-boss's schema (basalt_jobs).
    sql: `
      CREATE TABLE basalt.queue_messages (
        id text PRIMARY KEY,
        queue text NOT NULL,
        message jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'processing', 'completed', 'errors')),
        attempts integer NOT NULL DEFAULT 0,
        errors jsonb,
        dead_letter boolean NOT NULL DEFAULT false
      );
      CREATE INDEX queue_messages_retention ON basalt.queue_messages (queue, submitted_at);
      CREATE INDEX queue_messages_dead ON basalt.queue_messages (queue) WHERE dead_letter;
      CREATE TABLE basalt.task_runs (
        id text PRIMARY KEY,
        task text NOT NULL,
        triggered_by text NOT NULL CHECK (triggered_by IN ('schedule', 'runOnce')),
        triggered_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'processing', 'completed', 'errors')),
        errors jsonb
      );
      -- One run per cron tick across every process.
      CREATE UNIQUE INDEX task_runs_tick ON basalt.task_runs (task, triggered_at)
        WHERE triggered_by = 'schedule';
      CREATE INDEX task_runs_retention ON basalt.task_runs (triggered_at)`,
  },
  {
    version: 7,
    name: 'storage',
    // File contents live in the blob store (disk or S3) under content_key; these rows are the
    // metadata clients see. storage_garbage lists blob keys that may hold no committed file:
    // uploads in flight (removed in the transaction that commits the file) and contents of
    // deleted or replaced files (removed once the blob is gone). A sweep deletes what is left.
    sql: `
      CREATE TABLE basalt.storage_buckets (
        "_id" text PRIMARY KEY,
        "name" text COLLATE "C" NOT NULL UNIQUE,
        "isPublic" boolean NOT NULL,
        "userId" text,
        "tags" text[] NOT NULL DEFAULT '{}',
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE basalt.storage_files (
        "_id" text PRIMARY KEY,
        "bucketId" text NOT NULL REFERENCES basalt.storage_buckets ("_id") ON DELETE CASCADE,
        "fileName" text COLLATE "C" NOT NULL,
        "size" bigint NOT NULL,
        "encoding" text NOT NULL,
        "mimeType" text NOT NULL,
        "isPublic" boolean NOT NULL,
        "publicPath" text NOT NULL,
        "userId" text,
        "tags" text[] NOT NULL DEFAULT '{}',
        "uploadedAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        content_key text NOT NULL,
        etag text NOT NULL,
        UNIQUE ("bucketId", "fileName")
      );
      CREATE INDEX storage_files_uploaded ON basalt.storage_files ("uploadedAt");
      CREATE TABLE basalt.storage_garbage (
        key text PRIMARY KEY,
        reason text NOT NULL CHECK (reason IN ('upload', 'deleted')),
        since timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO basalt.storage_buckets ("_id", "name", "isPublic")
        VALUES ('000000000000000000000000', 'root', true)`,
  },
  {
    version: 8,
    name: 'oauth app redirect',
    // Where the browser goes after an OAuth sign-in started with its own (allow-listed) redirect.
    sql: `ALTER TABLE basalt.oauth_states ADD COLUMN app_redirect_url text`,
  },
  {
    version: 9,
    name: 'admin accounts',
    // Admins of the console and the admin API: separate from the app's users. A disabled user
    // (admin console) can neither sign in nor use a session.
    sql: `
      CREATE TABLE basalt.admins (
        id text PRIMARY KEY,
        email text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz
      );
      CREATE UNIQUE INDEX admins_email ON basalt.admins (lower(email));
      CREATE TABLE basalt.admin_sessions (
        token_hash text PRIMARY KEY,
        admin_id text NOT NULL REFERENCES basalt.admins (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX admin_sessions_admin ON basalt.admin_sessions (admin_id);
      ALTER TABLE basalt.users ADD COLUMN disabled_at timestamptz`,
  },
]
