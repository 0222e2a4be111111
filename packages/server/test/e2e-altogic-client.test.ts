import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The published altogic@2.3.9 client, unmodified, against a listening Basalt server.
// Every call is raced against a timeout: the published client hangs forever on a non-JSON
// error body, so "it answered at all" is part of what is checked.
const within = <T>(promise: Promise<T>, ms = 5000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ])

describe.each(pgTargets())(
  'published altogic client against Basalt on $name PostgreSQL',
  (target) => {
    let t: TestServer
    let url: string

    beforeAll(async () => {
      t = await startTestServer(target)
      // A stand-in for a module route with an optional session, until the modules land.
      t.server.app.get('/_api/rest/v1/probe/db', { config: { module: 'db' } }, async () => ({}))
      url = await t.server.listen()
    })
    afterAll(() => t.close())

    it('gets 401 invalid_client_key for a wrong client key', async () => {
      const client = createClient(url, 'bck_not-a-real-key')
      const { user, errors } = await within(client.auth.getUserFromDB())
      expect(user).toBeNull()
      expect(errors?.status).toBe(401)
      expect(errors?.items).toEqual([
        expect.objectContaining({ origin: 'client_error', code: 'invalid_client_key' }),
      ])
    })

    it('gets a JSON 404 for an unknown endpoint path', async () => {
      const client = createClient(url, t.clientKey)
      const { data, errors } = await within(client.endpoint.get('/no/such/endpoint', { page: 2 }))
      expect(data).toBeNull()
      expect(errors?.status).toBe(404)
      expect(errors?.items[0]).toMatchObject({
        code: 'resource_not_found',
        details: { method: 'GET', path: '/no/such/endpoint' },
      })
    })

    it('gets a JSON 404 for a REST route that does not exist, with a valid key', async () => {
      const client = createClient(url, t.clientKey)
      const { data, errors } = await within(client.endpoint.get('/_api/rest/v1/no-such-module'))
      expect(data).toBeNull()
      expect(errors?.status).toBe(404)
      expect(errors?.items[0]?.code).toBe('resource_not_found')
    })

    it('drops its stored session when the server says the token is invalid', async () => {
      const storage = new Map<string, string>()
      const localStorage = {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
        removeItem: (key: string) => void storage.delete(key),
      }
      storage.set('session', JSON.stringify({ token: 'expired-token' }))
      const client = createClient(url, t.clientKey, { localStorage })
      const { errors } = await within(client.endpoint.get('/_api/rest/v1/probe/db'))
      expect(errors?.items[0]?.code).toBe('invalid_session_token')
      expect(storage.has('session')).toBe(false)
    })
  },
)
