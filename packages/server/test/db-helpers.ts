/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of many shapes */
import { REST_PREFIX } from '@basalt/protocol'
import { BLOG_MODELS } from '../../../test-support/blog-models.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import type { PgTarget } from '../../../test-support/databases.js'

/** A server with the blog models and a way to call its database routes. */
export interface DbTestServer extends TestServer {
  /** POSTs (or GETs, without a body) a db route; answers status and parsed JSON. */
  call(path: string, body?: unknown, session?: string): Promise<{ status: number; body: any }>
  /** Signs up a user by email and answers its id and session token. */
  signUp(email: string): Promise<{ userId: string; token: string }>
}

/** Starts a server with the example models of test-support/blog-models.ts. */
export async function startDbServer(target: PgTarget): Promise<DbTestServer> {
  const t = await startTestServer(target, { app: { models: BLOG_MODELS } })
  const call: DbTestServer['call'] = async (path, body, session) => {
    const response = await t.server.app.inject({
      method: body === undefined ? 'GET' : 'POST',
      url: `${REST_PREFIX}/db/${path}`,
      headers: {
        'x-client-key': t.clientKey,
        ...(session ? { session } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
    return { status: response.statusCode, body: response.body ? response.json() : undefined }
  }
  const signUp: DbTestServer['signUp'] = async (email) => {
    const response = await t.server.app.inject({
      method: 'POST',
      url: `${REST_PREFIX}/auth/signup-email`,
      headers: { 'x-client-key': t.clientKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password: 'correct horse 1' }),
    })
    const body = response.json()
    return { userId: body.user._id, token: body.session.token }
  }
  return { ...t, call, signUp }
}

/** The `query` the published client sends with nothing set. */
export const NO_QUERY = {
  expression: null,
  lookups: null,
  page: null,
  limit: null,
  sort: null,
  omit: null,
  group: null,
}

/** A query with some parts set. */
export function q(parts: Partial<typeof NO_QUERY> & Record<string, unknown>): typeof NO_QUERY {
  return { ...NO_QUERY, ...parts }
}
