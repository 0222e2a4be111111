import type { Database } from '../../adapters/database/database.js'
import type { ServerConfig } from '../../config/server-config.js'
import type { ModelCatalog } from '../db/model-types.js'
import { createKey } from '../keys/create-key.js'
import type { CreatedKey } from '../keys/create-key.js'
import { listKeys } from '../keys/key-store.js'
import type { KeyRecord, KeySpec } from '../keys/key-types.js'
import type { KeyVerifier } from '../keys/key-verifier.js'
import { revokeKey } from '../keys/revoke-key.js'
import { listOutbox } from './outbox/admin-outbox.js'
import type { OutboxFilter } from './outbox/admin-outbox.js'
import { readOverview } from './overview/read-overview.js'
import type { Overview } from './overview/read-overview.js'
import { listUserSessions } from './users/admin-sessions.js'
import type { AdminSession } from './users/admin-sessions.js'
import { getUser, listUsers } from './users/admin-users.js'
import type { AdminUser } from './users/admin-users.js'

/**
 * The admin API's reads and writes of Basalt's own tables (users, sessions, keys, outbox,
 * counts), so that routes call a service and never hold the database.
 */
export class AdminRecords {
  constructor(
    private readonly db: Database,
    private readonly keys: KeyVerifier,
  ) {}

  /** Counts of users, buckets, files and keys, with the declared models, queues and tasks. */
  overview(catalog: ModelCatalog, config: ServerConfig): Promise<Overview> {
    return readOverview(this.db, catalog, config)
  }

  /** One page of users, newest first; `search` matches part of email, phone, name or id. */
  listUsers(search: string | undefined, page: number, size: number) {
    return listUsers(this.db, search, page, size)
  }

  /** The user with this id, or 404 user_not_found. */
  getUser(id: string): Promise<AdminUser> {
    return getUser(this.db, id)
  }

  /** The live sessions of a user. */
  listSessions(userId: string): Promise<AdminSession[]> {
    return listUserSessions(this.db, userId)
  }

  /** Every key (never a secret). */
  listKeys(): Promise<KeyRecord[]> {
    return listKeys(this.db)
  }

  /** Creates a key; its secret is answered only here. */
  createKey(spec: KeySpec): Promise<CreatedKey> {
    return createKey(this.db, spec)
  }

  /**
   * Revokes a key by id; undefined when there is none. This process refuses the key as soon as
   * this answers; the others when the change's notification reaches them.
   */
  async revokeKey(id: string): Promise<KeyRecord | undefined> {
    const record = await revokeKey(this.db, id)
    if (record) this.keys.forget()
    return record
  }

  /** One page of the development outbox, newest first. */
  listOutbox(filter: OutboxFilter, page: number, size: number) {
    return listOutbox(this.db, filter, page, size)
  }
}
