import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '../src/core/keys/create-key.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { ENDPOINTS_APP, endpointsOverrides } from './endpoints-app.js'

// `agnost.envId`: the Agnost client's base URL is `http(s)://host/<envId>`, so every route it
// calls (its `/agnost/...` routes and the app's endpoints) arrives under that prefix.
describe('the Agnost env prefix through createServer', () => {
  let t: TestServer
  let apiKey: string

  beforeAll(async () => {
    const overrides = endpointsOverrides('development') as { app: object }
    t = await startTestServer(pgTargets()[0]!, {
      ...overrides,
      app: { ...ENDPOINTS_APP, agnost: { envId: 'env-1' } },
    } as never)
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'env' })).secret
  })
  afterAll(() => t.close())

  it('serves /<envId>/agnost/... and /<envId>/<endpoint> as the unprefixed routes', async () => {
    const members = await t.server.app.inject({
      method: 'POST',
      url: '/env-1/agnost/realtime/get-members',
      headers: { authorization: apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'lobby' }),
    })
    expect([members.statusCode, members.json()]).toEqual([200, []])
    const endpoint = await t.server.app.inject({ url: '/env-1/hello/ada' })
    expect([endpoint.statusCode, endpoint.body]).toEqual([200, 'hello ada'])
    const unprefixed = await t.server.app.inject({ url: '/hello/ada' })
    expect(unprefixed.body).toBe('hello ada')
    const other = await t.server.app.inject({ url: '/env-2/hello/ada' })
    expect(other.statusCode).toBe(404)
    expect(other.json().errors[0].code).toBe('resource_not_found')
  })
})
