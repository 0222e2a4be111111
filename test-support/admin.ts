/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many shapes */
import { ADMIN_PREFIX } from '@basalt/protocol'
import type { ServerConfig } from '@basalt/server'
import type { PgTarget } from './databases.js'
import { startTestServer } from './server.js'
import type { TestServer } from './server.js'

/** The admin every admin test server has. */
export const TEST_ADMIN = { email: 'admin@example.com', password: 'admin-password-1' }

/** An answer of the admin API. */
export interface AdminAnswer {
  status: number
  body: any
  headers: Record<string, unknown>
}

/** A test server with a signed-in admin and a way to call the admin API. */
export interface AdminTestServer {
  t: TestServer
  /** The admin session token. */
  token: string
  /**
   * Calls `/_api/admin/v1<path>` as the admin. A Buffer or string body is sent raw (give its
   * content-type in `headers`), any other body as JSON. `headers.authorization` replaces the
   * admin's token (an empty string sends none).
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<AdminAnswer>
  close(): Promise<void>
}

/** Starts a server on a fresh database, creates TEST_ADMIN and signs it in. */
export async function startAdminTestServer(
  target: PgTarget,
  overrides: Partial<ServerConfig> = {},
): Promise<AdminTestServer> {
  const t = await startTestServer(target, overrides)
  const admins = t.server.admins
  await admins.create(TEST_ADMIN.email, TEST_ADMIN.password)
  const { token } = await admins.signIn(TEST_ADMIN.email, TEST_ADMIN.password, 'test')
  const call: AdminTestServer['call'] = async (method, path, body, headers = {}) => {
    const raw = typeof body === 'string' || Buffer.isBuffer(body)
    const response = await t.server.app.inject({
      method: method as 'GET',
      url: `${ADMIN_PREFIX}${path}`,
      headers: {
        ...(body === undefined || raw ? {} : { 'content-type': 'application/json' }),
        ...headers,
        authorization: headers.authorization ?? `Bearer ${token}`,
      },
      ...(body === undefined ? {} : { payload: raw ? body : JSON.stringify(body) }),
    })
    const type = String(response.headers['content-type'] ?? '')
    const parsed =
      type.includes('json') && response.body ? JSON.parse(response.body) : response.body
    return { status: response.statusCode, body: parsed, headers: response.headers }
  }
  return { t, token, call, close: () => t.close() }
}
