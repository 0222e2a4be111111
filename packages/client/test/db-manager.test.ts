import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, DatabaseManager, DBObject, QueryBuilder } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

describe('DatabaseManager', () => {
  it('is created once, lazily, by the client', () => {
    const client = createClient(server.url, 'ck')
    expect(client.db).toBeInstanceOf(DatabaseManager)
    expect(client.db).toBe(client.db)
  })

  it('model(name) returns a new QueryBuilder each time, object(id) a DBObject', () => {
    const db = createClient(server.url, 'ck').db
    expect(db.model('todos')).toBeInstanceOf(QueryBuilder)
    expect(db.model('todos')).not.toBe(db.model('todos'))
    expect(db.model('todos').object('o1')).toBeInstanceOf(DBObject)
  })

  it('getStats: GET /db/stats, answer passed through', async () => {
    const stats = { models: [{ name: 'todos', count: 3 }], size: 1024 }
    server.reply(json(200, stats))
    const result = await createClient(server.url, 'ck').db.getStats()
    const request = server.last()
    expect([request.method, request.url, request.body]).toEqual([
      'GET',
      '/_api/rest/v1/db/stats',
      '',
    ])
    expect(request.headers['x-client-key']).toBe('ck')
    expect(result).toEqual({ data: stats, errors: null })
  })

  it('getStats returns the server errors', async () => {
    const items = [{ origin: 'client_error', code: 'missing_session_token', message: 'm' }]
    server.reply(json(401, { errors: items }, 'Unauthorized'))
    const result = await createClient(server.url, 'ck').db.getStats()
    expect(result).toEqual({
      data: null,
      errors: { status: 401, statusText: 'Unauthorized', items },
    })
  })

  it('sends the session token of the shared transport', async () => {
    const client = createClient(server.url, 'ck')
    client.auth.setSession({ token: 'tok-1' } as Parameters<typeof client.auth.setSession>[0])
    await client.db.model('todos').get()
    expect(server.last().headers.session).toBe('tok-1')
  })
})
