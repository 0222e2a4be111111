import type { RateLimiter } from '../../../adapters/rate-limit/rate-limiter.js'
import type { ServerConfig } from '../../../config/server-config.js'
import type { AdminRecords } from '../../../core/admin/admin-records.js'
import type { AdminService } from '../../../core/admin/admin-service.js'
import type { JobsAdmin } from '../../../core/admin/jobs/jobs-admin.js'
import type { RequestLog } from '../../../core/admin/request-log.js'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import type { CacheService } from '../../../core/cache/cache-service.js'
import type { DatabaseService } from '../../../core/db/database-service.js'
import type { QueueService } from '../../../core/functions/queues/queue-service.js'
import type { TaskService } from '../../../core/functions/tasks/task-service.js'
import type { RealtimeService } from '../../../core/realtime/realtime-service.js'
import type { StorageService } from '../../../core/storage/storage-service.js'

/** What the admin API (docs/admin-api.md) calls: every module's service, with full rights. */
export interface AdminDeps {
  admins: AdminService
  /** Basalt's own tables: users, sessions, keys, outbox, counts. */
  records: AdminRecords
  db: DatabaseService
  auth: AuthContext
  cache: CacheService
  realtime: RealtimeService
  storage?: StorageService | undefined
  queues?: QueueService | undefined
  tasks?: TaskService | undefined
  /** Queue messages and task runs: lists, retries, runs. */
  jobs?: JobsAdmin | undefined
  rateLimiter: RateLimiter
  /** This process's recent requests and errors. */
  requestLog: RequestLog
  /** The validated, frozen configuration (for the settings view; secrets are left out there). */
  config: ServerConfig
}
