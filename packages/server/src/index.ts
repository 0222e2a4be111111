import type { FastifyInstance } from 'fastify'
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { MemoryRateLimiter } from './adapters/rate-limit/memory/memory-rate-limiter.js'
import { RedisRateLimiter } from './adapters/rate-limit/redis/redis-rate-limiter.js'
import type { CacheStore } from './adapters/cache/cache-store.js'
import { MemoryCache } from './adapters/cache/memory/memory-cache.js'
import { RedisCache } from './adapters/cache/redis/redis-cache.js'
import { buildApp } from './api/app.js'
import { attachRealtime } from './api/realtime/realtime-server.js'
import type { RealtimeServer } from './api/realtime/realtime-server.js'
import { RealtimeService } from './core/realtime/realtime-service.js'
import { CacheService } from './core/cache/cache-service.js'
import type { ServerConfig } from './config/server-config.js'
import { checkHealth } from './core/health/check-health.js'
import type { CreatedKey } from './core/keys/create-key.js'
import { ensureDevelopmentKey } from './core/keys/development-key.js'
import { KeyVerifier } from './core/keys/key-verifier.js'
import { SessionService } from './core/auth/session-service.js'
import type { AuthContext } from './core/auth/auth-context.js'
import type { Mailer } from './adapters/mail/mailer.js'
import { OutboxMailer } from './adapters/mail/outbox/outbox-mailer.js'
import { SmtpMailer } from './adapters/mail/smtp/smtp-mailer.js'
import { OutboxStore } from './adapters/outbox/outbox-store.js'
import type { SmsSender } from './adapters/sms/sms-sender.js'
import { MessageBirdSmsSender } from './adapters/sms/messagebird/messagebird-sms-sender.js'
import { OutboxSmsSender } from './adapters/sms/outbox/outbox-sms-sender.js'
import { TwilioSmsSender } from './adapters/sms/twilio/twilio-sms-sender.js'
import { VonageSmsSender } from './adapters/sms/vonage/vonage-sms-sender.js'
import type { Database } from './adapters/database/database.js'
import type { Logger } from 'pino'
import { openDatabase } from './database.js'
import type { OpenDatabase } from './database.js'
import {
  checkModelExpressions,
  DatabaseService,
  hasEncryptedFields,
} from './core/db/database-service.js'
import type { ModelCatalog } from './core/db/model-types.js'
import { FieldCipher } from './tools/field-cipher.js'
import { readOrCreateSecretFile } from './tools/secret-file.js'
import { join } from 'node:path'
import { resolveModels } from './core/db/schema/resolve-models.js'
import { syncSchema } from './core/db/schema/sync-schema.js'
import { ConfigError } from './config/server-config.js'
// App code: endpoints and the handler context (docs/functions.md).
import { createServerApi } from './core/functions/server-api.js'
import type { ServerApi } from './core/functions/server-api.js'
import { createUsersApi } from './core/functions/users-api.js'
import type { QueueTaskContextFactory } from './core/functions/handler-context.js'
// Queues and tasks (docs/functions.md): jobs on pg-boss, status rows in basalt.*.
import { injectTransport } from './api/routes/endpoints/in-process-transport.js'
import { createAppFunctions } from './functions.js'
// Cloud storage (docs/storage.md): metadata in basalt.storage_*, contents in a blob store.
import type { BlobStore } from './adapters/storage/blob-store.js'
import { DiskBlobStore } from './adapters/storage/disk/disk-blob-store.js'
import { S3BlobStore } from './adapters/storage/s3/s3-blob-store.js'
import { createStorageService } from './core/storage/create-storage-service.js'
import type { StorageService } from './core/storage/storage-service.js'
// Admin accounts, the admin API and the console (docs/admin-api.md).
import { AdminRecords } from './core/admin/admin-records.js'
import { AdminService } from './core/admin/admin-service.js'
import { JobsAdmin } from './core/admin/jobs/jobs-admin.js'
import { RequestLog } from './core/admin/request-log.js'

export { defineConfig } from './config/app-config.js'
export type { AppConfig } from './config/app-config.js'
export { ConfigError, DEFAULT_CONFIG, parseServerConfig } from './config/server-config.js'
export type { ServerConfig } from './config/server-config.js'
export { openDatabase } from './database.js'
export type { OpenDatabase, OpenDatabaseOptions } from './database.js'
export type { Database, Queryable } from './adapters/database/database.js'
export { createKey } from './core/keys/create-key.js'
export type { CreatedKey } from './core/keys/create-key.js'
export { revokeKey } from './core/keys/revoke-key.js'
export { listKeys } from './core/keys/key-store.js'
export type { ApiAccess, KeyRecord, KeySpec, KeyType, RateLimit } from './core/keys/key-types.js'
export { BasaltError, fail } from './tools/errors.js'
export {
  AdminService,
  createAdmin,
  deleteAdmin,
  listAdmins,
  MIN_ADMIN_PASSWORD_LENGTH,
} from './core/admin/admin-service.js'
export type { AdminAccount } from './core/admin/admin-store.js'
export { CacheService } from './core/cache/cache-service.js'
export type { CacheListPage } from './core/cache/cache-service.js'
export type { CacheStats } from './core/cache/cache-stats.js'
export { RealtimeService } from './core/realtime/realtime-service.js'
export type { EventData, Member } from './core/realtime/realtime-events.js'
export { resolveModels } from './core/db/schema/resolve-models.js'
export { planSchema } from './core/db/schema/plan-schema.js'
export { syncSchema } from './core/db/schema/sync-schema.js'
export type { SyncOptions, SyncReport } from './core/db/schema/sync-schema.js'
export { formatPlan, SchemaChangeError } from './core/db/schema/schema-plan.js'
export type { SchemaPlan, SchemaStep } from './core/db/schema/schema-plan.js'
export { searchVector } from './core/db/schema/search-vector.js'
export type { ModelCatalog, ResolvedField, ResolvedModel } from './core/db/model-types.js'
export type {
  EndpointRequest,
  HandlerContext,
  HandlerLogger,
  UploadedFile,
  HandlerTrigger,
  QueueTaskContextFactory,
} from './core/functions/handler-context.js'
export type { ServerApi } from './core/functions/server-api.js'
export type { UsersApi, UsersPage } from './core/functions/users-api.js'
export type { AdminUser, AdminUserChanges } from './core/admin/users/admin-users.js'
export { EndpointResponse } from './core/functions/endpoint-response.js'
export type {
  AccessConfig,
  FieldConfig,
  FieldsConfig,
  ModelConfig,
  ModelsConfig,
  RuleConfig,
} from './config/model-config.js'

/** A running Basalt server. */
export interface BasaltServer {
  /**
   * The Fastify app. Tests call `app.inject()` on it without a port; routes may still be added
   * until the first request or `listen()`.
   */
  readonly app: FastifyInstance
  readonly database: OpenDatabase
  /**
   * The development client key, when this start created it: the first start, in development
   * mode, of an app with no keys.
   */
  readonly developmentKey: CreatedKey | undefined
  /** The app's cache, as the cache routes use it (for app code and other modules). */
  readonly cache: CacheService
  /** Realtime for app code: send to a channel, broadcast, list members (every process). */
  readonly realtime: RealtimeService
  /** The app's models, for app code: `db.app()` is the full-access context of every operation. */
  readonly db: DatabaseService
  /** Cloud storage: buckets and files, for app code and the public file route. */
  readonly storage: StorageService
  /** The server-side API of handlers (in-process, the app's full rights). */
  readonly api: ServerApi
  /** Admin accounts and their sessions (docs/admin-api.md). */
  readonly admins: AdminService
  /** Builds the context of a queue message or task run (for the queue and task runner). */
  readonly handlerContext: QueueTaskContextFactory
  /** Starts listening on the configured host and port; answers the base URL. */
  listen(): Promise<string>
  /** Stops accepting, finishes in-flight requests, closes pools, stops the embedded database. */
  close(): Promise<void>
}

/** Builds a Basalt server from a validated configuration (see parseServerConfig). */
export async function createServer(config: ServerConfig): Promise<BasaltServer> {
  const logger = pino({ level: config.logLevel })
  const catalog = resolveModels(config.app)
  const problems = checkModelExpressions(catalog)
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `app.models: ${p}`))
  if (hasEncryptedFields(catalog) && !config.encryptionKey && config.mode === 'production') {
    throw new ConfigError([
      'BASALT_ENCRYPTION_KEY: required, because models have encrypted-text fields ' +
        '(32 characters or more; `openssl rand -base64 32` makes one)',
    ])
  }
  const onError = (error: Error) => logger.warn({ err: error }, 'connection error')
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedMode: 'own',
    onError,
    onLog: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
  })
  const rateLimiter = config.redisUrl
    ? new RedisRateLimiter(config.redisUrl, { onError })
    : new MemoryRateLimiter()
  const cacheStore = pickCacheStore(config, onError)
  const cache = new CacheService(cacheStore)
  const keys = new KeyVerifier(database.db)
  const sessions = new SessionService(database.db, config.app.auth.sessionTtlSeconds)
  const realtime = new RealtimeService()
  const mailer = pickMailer(config, database.db, logger)
  let listeningAt: string | undefined
  const auth: AuthContext = {
    db: database.db,
    config: config.app.auth,
    appName: config.app.name ?? 'Basalt',
    publicUrl: () => config.publicUrl ?? listeningAt ?? `http://${config.host}:${config.port}`,
    mailer,
    sms: pickSmsSender(config, database.db, logger),
    sessions,
    limiter: rateLimiter,
    events: {
      // Protocol §7.4: positional (eventName, session | null[, user]).
      // A failed emit is logged, never turned into a failure of the change that committed.
      emit: (userId, event, session, user) => {
        try {
          const args = user === undefined ? [event, session] : [event, session, user]
          realtime.emitToUser(userId, event, ...args)
        } catch (error) {
          logger.error({ err: error, event }, 'realtime user event failed')
        }
      },
    },
  }
  let app: FastifyInstance
  let developmentKey: CreatedKey | undefined
  const db = new DatabaseService(database.db, catalog, pickCipher(config, catalog))
  const blobs = pickBlobStore(config)
  const storage = createStorageService(database.db, blobs, {
    maxFileSizeBytes: config.maxFileSizeBytes,
    publicUrl: () => auth.publicUrl(),
    appSlug: appSlug(config.app.name),
  })
  const functions = createAppFunctions(config, database, logger, {
    onError,
    baseUrl: () => auth.publicUrl(),
  })
  const { queues, tasks, contexts } = functions
  const requestLog = new RequestLog()
  const admins = new AdminService(database.db, rateLimiter)
  const records = new AdminRecords(database.db, keys)
  try {
    await syncSchema(database.db, catalog, {
      acceptDataLoss: false,
      log: (line) => logger.info(line),
    })
    await keys.start()
    await sessions.start()
    // A production app gets no key it did not ask for: `basalt keys create` makes one.
    if (config.mode === 'development') developmentKey = await ensureDevelopmentKey(database.db)
    // Contents a killed process left behind; a store that is down now is swept next start.
    await storage
      .sweepGarbage()
      .catch((error: unknown) => logger.warn({ err: error }, 'storage garbage sweep failed'))
    app = await buildApp(
      {
        keys,
        rateLimiter,
        sessions,
        auth,
        cache,
        realtime,
        db,
        health: () => checkHealth(database.db),
        queues,
        tasks,
        storage,
        admin: {
          admins,
          records,
          jobs: new JobsAdmin(database.db, queues, tasks),
          db,
          auth,
          cache,
          realtime,
          storage,
          queues,
          tasks,
          rateLimiter,
          requestLog,
          config,
        },
        endpoints: {
          endpoints: config.app.endpoints,
          loader: functions.loader,
          contexts,
          mode: config.mode,
          auth,
          sessions,
        },
      },
      {
        logger,
        bodyLimitBytes: config.bodyLimitBytes,
        trustProxy: config.trustProxy,
        defaultRateLimit: config.defaultRateLimit,
        appCodeSecret: functions.appCodeSecret,
        appSlug: appSlug(config.app.name),
        agnostEnvId: config.app.agnost.envId,
        consoleDir: config.consoleDir,
      },
    )
    const users = createUsersApi(records, auth)
    functions.setApi(
      createServerApi(injectTransport(app, functions.appCodeSecret), realtime, users),
    )
    await queues.start()
    await tasks.start()
  } catch (error) {
    await mailer.close().catch(() => undefined)
    await tasks.stop(0).catch(() => undefined)
    await queues.stop().catch(() => undefined)
    await rateLimiter.close().catch(() => undefined)
    await cacheStore.close().catch(() => undefined)
    await blobs.close().catch(() => undefined)
    await database.close()
    throw error
  }
  const sockets = startRealtime(app, config, { keys, sessions, logger }, onError)
  realtime.attach(sockets.server)
  // Before the HTTP server closes: open WebSockets would otherwise hold the close open.
  app.addHook('preClose', async () => {
    await sockets.server.close()
    await sockets.closeRedis()
  })
  // Before the database closes: running messages and task runs finish (or are retried later).
  app.addHook('onClose', async () => {
    await tasks.stop()
    await queues.stop()
  })
  app.addHook('onClose', async () => {
    await mailer.close()
    await rateLimiter.close()
    await cacheStore.close()
    await blobs.close()
    await database.close()
  })
  return {
    app,
    database,
    developmentKey,
    cache,
    realtime,
    db,
    storage,
    api: functions.api(),
    admins,
    handlerContext: contexts.forQueueOrTask,
    listen: async () => {
      listeningAt = await app.listen({ host: config.host, port: config.port })
      // Fastify is given no logger (see buildApp): the line it would write.
      logger.info(`Server listening at ${listeningAt}`)
      return listeningAt
    },
    close: () => app.close(),
  }
}

/**
 * The socket.io server on Fastify's HTTP server (Altogic and Agnost paths); with Redis, sockets of
 * every process share channels and broadcasts through the Redis adapter (channels under
 * `basalt:<app>:socket.io`).
 */
function startRealtime(
  app: FastifyInstance,
  config: ServerConfig,
  deps: Pick<Parameters<typeof attachRealtime>[1], 'keys' | 'sessions' | 'logger'>,
  onError: (error: Error) => void,
): { server: RealtimeServer; closeRedis: () => Promise<void> } {
  // With `agnost.envId` set, Agnost sockets naming another envId are refused.
  const base = { ...deps, agnostEnvId: config.app.agnost.envId }
  if (!config.redisUrl) {
    return { server: attachRealtime(app.server, base), closeRedis: async () => undefined }
  }
  const pub = new Redis(config.redisUrl)
  const sub = pub.duplicate()
  pub.on('error', onError)
  sub.on('error', onError)
  const adapter = createAdapter(pub, sub, { key: `basalt:${appSlug(config.app.name)}:socket.io` })
  const server = attachRealtime(app.server, { ...base, adapter })
  const closeRedis = async () => {
    await Promise.allSettled([pub.quit(), sub.quit()])
  }
  return { server, closeRedis }
}

/**
 * The cipher of encrypted-text fields: the configured key, else (development only) a key the
 * server generates once and keeps in the data folder.
 */
function pickCipher(config: ServerConfig, catalog: ModelCatalog): FieldCipher | undefined {
  if (config.encryptionKey) return new FieldCipher(config.encryptionKey)
  if (!hasEncryptedFields(catalog)) return undefined
  return new FieldCipher(readOrCreateSecretFile(join(config.dataDir, 'encryption.key')))
}

/** S3 when configured, else files under `<dataDir>/storage`. */
function pickBlobStore(config: ServerConfig): BlobStore {
  if (config.s3) return new S3BlobStore(config.s3)
  return new DiskBlobStore(join(config.dataDir, 'storage'))
}

/** Redis when configured (keys under `basalt:<app>:cache:`), else this process's memory. */
function pickCacheStore(config: ServerConfig, onError: (error: Error) => void): CacheStore {
  if (!config.redisUrl) return new MemoryCache()
  return new RedisCache(config.redisUrl, {
    namespace: `basalt:${appSlug(config.app.name)}`,
    onError,
  })
}

/** The app's name as a Redis key segment: lower case letters, digits and dashes. */
function appSlug(name: string | undefined): string {
  const slug = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return slug || 'default'
}

/** SMTP when configured, else the dev outbox (a table, and the log). */
function pickMailer(config: ServerConfig, db: Database, logger: Logger): Mailer {
  const { smtp, from } = config.app.auth.mail
  if (smtp) return new SmtpMailer({ ...smtp, from })
  return new OutboxMailer(new OutboxStore(db), {
    // In development the body goes to the log too: it holds the link a developer must follow.
    log: (entry) =>
      logger.info(
        { to: entry.recipient, subject: entry.subject, ...devBody(config, entry.body) },
        'mail to outbox',
      ),
  })
}

/** The configured SMS provider, else the dev outbox (a table, and the log). */
function pickSmsSender(config: ServerConfig, db: Database, logger: Logger): SmsSender {
  const sms = config.app.auth.sms
  switch (sms?.provider) {
    case 'twilio':
      return new TwilioSmsSender(sms)
    case 'vonage':
      return new VonageSmsSender(sms)
    case 'messagebird':
      return new MessageBirdSmsSender({ accessKey: sms.accessKey, from: sms.originator })
    default:
      return new OutboxSmsSender(new OutboxStore(db), {
        log: (entry) =>
          logger.info({ to: entry.recipient, ...devBody(config, entry.body) }, 'sms to outbox'),
      })
  }
}

function devBody(config: ServerConfig, body: string): { body?: string } {
  return config.mode === 'development' ? { body } : {}
}
