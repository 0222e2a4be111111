import type { Database } from '../../adapters/database/database.js'
import type { Mailer } from '../../adapters/mail/mailer.js'
import type { RateLimiter } from '../../adapters/rate-limit/rate-limiter.js'
import type { SmsSender } from '../../adapters/sms/sms-sender.js'
import type { AuthConfig } from '../../config/app-config.js'
import type { SessionService } from './session-service.js'
import type { UserEvents } from './user-events.js'

/** What every auth flow works with. */
export interface AuthContext {
  db: Database
  config: AuthConfig
  appName: string
  /** The server's public base URL, for the links in mail (`/_auth/...`). */
  publicUrl: () => string
  mailer: Mailer
  sms: SmsSender
  sessions: SessionService
  limiter: RateLimiter
  /** The realtime `user:*` events; emitted after a flow's transaction commits. */
  events: UserEvents
}
