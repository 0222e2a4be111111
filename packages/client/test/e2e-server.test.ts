import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, Fetcher } from '../src/index.js'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { followLink, latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// Basalt's own client against a listening Basalt server (the module managers come with their
// modules; until then the transport is driven directly).
describe('Basalt client against a Basalt server', () => {
  let t: TestServer
  let url: string

  beforeAll(async () => {
    t = await startTestServer(pgTargets()[0]!, {
      app: { auth: { redirectUrl: 'http://app.test/after' } },
    })
    t.server.app.get('/_api/rest/v1/probe/db', { config: { module: 'db' } }, async () => ({
      ok: true,
    }))
    url = await t.server.listen()
  })
  afterAll(() => t?.close())

  const transport = (key: string, options = {}) => {
    const client = createClient(url, key, options)
    return new Fetcher(client, url, { 'X-Client': 'altogic-js', 'X-Client-Key': key })
  }

  it('gets data with a valid key and an invalid_client_key error with a wrong one', async () => {
    expect(await transport(t.clientKey).get('/_api/rest/v1/probe/db')).toEqual({
      data: { ok: true },
      errors: null,
    })
    const { data, errors } = await transport('bck_wrong').get('/_api/rest/v1/probe/db')
    expect(data).toBeNull()
    expect(errors).toMatchObject({
      status: 401,
      items: [{ origin: 'client_error', code: 'invalid_client_key' }],
    })
  })

  it('gets a JSON 404 for an unknown endpoint', async () => {
    const { errors } = await transport(t.clientKey).post('/orders', { item: 1 })
    expect(errors?.status).toBe(404)
    expect(errors?.items[0]?.code).toBe('resource_not_found')
  })

  it('turns a server that is gone into a network_error instead of a rejection', async () => {
    const gone = new Fetcher(createClient('http://127.0.0.1:1', 'k'), 'http://127.0.0.1:1', {})
    const { data, errors } = await gone.get('/_api/health')
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 0, items: [{ code: 'network_error' }] })
  })

  it('signs up, in and out, and through a magic link, with the auth manager', async () => {
    const storage = memoryStorage()
    const client = createClient(url, t.clientKey, { localStorage: storage })
    const up = await client.auth.signUpWithEmail('own+client@x.test', 'password-1', 'Own')
    expect(up.errors).toBeNull()
    expect(client.auth.getSession()?.token).toBe(up.session?.token)
    expect((await client.auth.getUserFromDB()).user).toMatchObject({ name: 'Own' })
    expect((await client.auth.signOut()).errors).toBeNull()
    expect(storage.map.has('session')).toBe(false)

    expect((await client.auth.sendMagicLinkEmail('own+client@x.test')).errors).toBeNull()
    const mail = await latestMail(t.server.database.db, 'own+client@x.test')
    const params = await followLink(url, linkIn(mail.body))
    const granted = await client.auth.getAuthGrant(params.get('access_token')!)
    expect(granted.user?.email).toBe('own+client@x.test')
    const { sessions } = await client.auth.getAllSessions()
    expect(sessions?.length).toBe(1)
  })

  it('joins a channel, exchanges messages and lists members through client.realtime', async () => {
    const options = { localStorage: memoryStorage(), realtimeUrl: url }
    const alice = createClient(url, t.clientKey, options).realtime
    const bob = createClient(url, t.clientKey, options).realtime
    alice.updateProfile({ name: 'alice' })
    bob.updateProfile({ name: 'bob' })
    const bobJoined = new Promise<void>((resolve) =>
      alice.onJoin((payload: { channel: string }) => payload.channel === 'room' && resolve()),
    )
    alice.join('room')
    await new Promise<void>((resolve) => alice.onJoin(() => resolve()))
    bob.join('room')
    await bobJoined
    const received = new Promise<unknown>((resolve) =>
      alice.on('greeting', (payload: unknown) => resolve(payload)),
    )
    bob.send('room', 'greeting', { text: 'hi' })
    expect(await received).toEqual({ channel: 'room', message: { text: 'hi' } })
    const { data } = await alice.getMembers('room')
    expect(data?.map((member: { data: unknown }) => member.data)).toEqual(
      expect.arrayContaining([{ name: 'alice' }, { name: 'bob' }]),
    )
    alice.close()
    bob.close()
  })
})
