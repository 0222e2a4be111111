import { createClient } from 'altogic'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '../src/core/keys/create-key.js'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { connect, names, waitForEvent } from './realtime-helpers.js'
import type { Recorded } from './realtime-helpers.js'

// The socket.io server of protocol §7 through socket.io-client, with the handshake auth the
// published altogic client sends: refusals, and the join/leave/update/message semantics of §7.4.
describe.each(pgTargets())('realtime sockets on $name PostgreSQL', (target) => {
  let t: TestServer
  let url: string
  const open: Recorded[] = []
  const auth = (extra: Record<string, unknown> = {}) => ({
    echoMessages: true,
    subdomain: '',
    envId: '',
    clientKey: t.clientKey,
    ...extra,
  })
  const socket = async (extra: Record<string, unknown> = {}) => {
    const recorded = await connect(url, auth(extra))
    open.push(recorded)
    return recorded
  }
  const refusal = (extra: Record<string, unknown>) =>
    connect(url, auth(extra)).then(
      () => expect.unreachable('the handshake should be refused'),
      (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
    )
  // Sent last by `b`, with echo: once `a` has it, `a` has had everything sent before.
  const settle = async (a: Recorded, b: Recorded) => {
    const marker = `settle-${Math.random()}`
    b.socket.emit('message', { eventName: 'settle', message: marker, echo: true })
    await waitForEvent(a, 'settle', (p) => (p as { message: string }).message === marker)
  }

  beforeAll(async () => {
    t = await startTestServer(target)
    url = await t.server.listen()
  })
  afterEach(() => {
    for (const recorded of open.splice(0)) recorded.socket.close()
  })
  afterAll(() => t.close())

  it('refuses a handshake without a good client key, with the error entry as data', async () => {
    expect(await refusal({ clientKey: undefined })).toEqual({
      message: expect.any(String),
      data: { origin: 'client_error', code: 'missing_client_key', message: expect.any(String) },
    })
    expect((await refusal({ clientKey: 'ck-nope' })).data).toMatchObject({
      origin: 'client_error',
      code: 'invalid_client_key',
    })
    const db = t.server.database.db
    const noRealtime = await createKey(db, { type: 'client', name: 'cache', modules: ['cache'] })
    expect((await refusal({ clientKey: noRealtime.secret })).data).toMatchObject({
      code: 'module_not_allowed',
    })
  })

  it('checks the Session: invalid is refused, none is refused when the key enforces sessions', async () => {
    expect((await refusal({ Session: 'not-a-session' })).data).toMatchObject({
      code: 'invalid_session_token',
    })
    const db = t.server.database.db
    const strict = await createKey(db, { type: 'client', name: 'strict', enforceSession: true })
    expect((await refusal({ clientKey: strict.secret })).data).toMatchObject({
      code: 'missing_session_token',
    })
    const signedUp = await createClient(url, t.clientKey, {
      localStorage: memoryStorage(),
    }).auth.signUpWithEmail('rt@x.test', 'password-1')
    const session = signedUp.session!
    const signedIn = await socket({ clientKey: strict.secret, Session: session.token })
    expect(signedIn.socket.connected).toBe(true)
  })

  it('joins idempotently, telling members and the sender per echo', async () => {
    const a = await socket()
    const b = await socket({ echoMessages: false })
    a.socket.emit('join', { channel: 'room' })
    const aId = a.socket.id
    expect(await waitForEvent(a, 'channel:join')).toEqual({
      channel: 'room',
      message: { id: aId },
    })
    b.socket.emit('update', { data: { name: 'Bea' } })
    b.socket.emit('join', { channel: 'room' })
    b.socket.emit('join', { channel: 'room' }) // the client re-sends joins: nothing happens
    expect(await waitForEvent(a, 'channel:join', (p) => isMember(p, b.socket.id))).toEqual({
      channel: 'room',
      message: { id: b.socket.id, data: { name: 'Bea' } },
    })
    await settle(b, a)
    await settle(a, b)
    expect(names(a).filter((n) => n === 'channel:join')).toHaveLength(2)
    expect(names(b)).not.toContain('channel:join') // echoMessages false, no echo in the payload
  })

  it('sends to a channel and broadcasts, with or without the sender', async () => {
    const a = await socket()
    const b = await socket()
    const outsider = await socket()
    for (const s of [a, b]) s.socket.emit('join', { channel: 'chat', echo: false })
    await waitForEvent(a, 'channel:join', (p) => isMember(p, b.socket.id))

    a.socket.emit('message', { channel: 'chat', eventName: 'say', message: { text: 'hi' } })
    const expected = { channel: 'chat', message: { text: 'hi' } }
    expect(await waitForEvent(a, 'say')).toEqual(expected)
    expect(await waitForEvent(b, 'say')).toEqual(expected)

    a.socket.emit('message', { channel: 'chat', eventName: 'quiet', message: 1, echo: false })
    expect(await waitForEvent(b, 'quiet')).toEqual({ channel: 'chat', message: 1 })

    a.socket.emit('message', { eventName: 'all', message: 'x', echo: false })
    expect(await waitForEvent(outsider, 'all')).toEqual({ channel: null, message: 'x' })
    expect(await waitForEvent(b, 'all')).toEqual({ channel: null, message: 'x' })
    await settle(a, b)
    await settle(outsider, b)
    expect(names(a)).not.toContain('quiet')
    expect(names(a)).not.toContain('all')
    expect(names(outsider)).not.toContain('say')
  })

  it('tells members of updates, leaves and disconnects, and lists members over REST', async () => {
    const a = await socket()
    const b = await socket()
    a.socket.emit('join', { channel: 'team' })
    b.socket.emit('join', { channel: 'team' })
    await waitForEvent(a, 'channel:join', (p) => isMember(p, b.socket.id))
    b.socket.emit('update', { data: 'busy' })
    expect(await waitForEvent(a, 'channel:update')).toEqual({
      channel: 'team',
      message: { id: b.socket.id, data: 'busy' },
    })
    expect(await waitForEvent(b, 'channel:update')).toMatchObject({ channel: 'team' })

    const members = await getMembers('team')
    expect(members).toHaveLength(2)
    expect(members).toEqual(
      expect.arrayContaining([{ id: a.socket.id }, { id: b.socket.id, data: 'busy' }]),
    )
    expect(await t.server.realtime.members('team')).toHaveLength(2)

    const bId = b.socket.id
    b.socket.emit('leave', { channel: 'team' })
    expect(await waitForEvent(a, 'channel:leave')).toEqual({
      channel: 'team',
      message: { id: bId, data: 'busy' },
    })
    expect(await waitForEvent(b, 'channel:leave')).toMatchObject({ channel: 'team' })
    expect(await getMembers('team')).toEqual([{ id: a.socket.id }])

    const c = await socket()
    c.socket.emit('join', { channel: 'team' })
    await waitForEvent(a, 'channel:join', (p) => isMember(p, c.socket.id))
    const cId = c.socket.id
    c.socket.close()
    expect(await waitForEvent(a, 'channel:leave', (p) => isMember(p, cId))).toEqual({
      channel: 'team',
      message: { id: cId },
    })
    expect(await getMembers('nobody-here')).toEqual([])
  })

  it('answers bad payloads with an error event and stays connected', async () => {
    const a = await socket()
    a.socket.emit('join', 'room')
    expect(await waitForEvent(a, 'error')).toMatchObject({ code: 'realtime_invalid_payload' })
    a.events.length = 0
    a.socket.emit('leave', {})
    a.socket.emit('message', { channel: 'x', message: 1 })
    a.socket.emit('message', { eventName: 'channel:join', message: 1 })
    a.socket.emit('message', { eventName: 'big', message: 'x'.repeat(70_000) })
    await waitForEvent(a, 'error', (p) => hasCode(p, 'realtime_payload_too_large'))
    expect(a.events.filter(([n]) => n === 'error')).toHaveLength(4)
    a.socket.emit('message', { eventName: 'wide', message: new Array(200_000).fill(0) })
    await waitForEvent(
      a,
      'error',
      (p) =>
        hasCode(p, 'realtime_payload_too_large') &&
        a.events.filter(([n]) => n === 'error').length === 5,
    )
    for (let i = 0; i < 101; i++) a.socket.emit('join', { channel: `c${i}`, echo: false })
    expect(
      await waitForEvent(a, 'error', (p) => hasCode(p, 'realtime_too_many_channels')),
    ).toMatchObject({ details: { limit: 100 } })
    expect(a.socket.connected).toBe(true)
  })

  it('limits join churn per socket with a rate_limit_exceeded error event', async () => {
    const a = await socket()
    for (let i = 0; i < 201; i++) {
      a.socket.emit('join', { channel: `churn${i % 50}`, echo: false })
      a.socket.emit('leave', { channel: `churn${i % 50}`, echo: false })
    }
    expect(await waitForEvent(a, 'error', (p) => hasCode(p, 'rate_limit_exceeded'))).toMatchObject({
      details: { limit: 200, windowMs: 10_000 },
    })
    expect(a.socket.connected).toBe(true)
  })

  it('lets app code send and broadcast through server.realtime', async () => {
    const a = await socket()
    a.socket.emit('join', { channel: 'news' })
    await waitForEvent(a, 'channel:join')
    t.server.realtime.send('news', 'headline', { id: 1 })
    t.server.realtime.broadcast('notice', 'hello')
    expect(await waitForEvent(a, 'headline')).toEqual({ channel: 'news', message: { id: 1 } })
    expect(await waitForEvent(a, 'notice')).toEqual({ channel: null, message: 'hello' })
    expect(() => t.server.realtime.broadcast('channel:join', 1)).toThrow()
  })

  it('refuses get-members without a channel, or for a key without realtime', async () => {
    const missing = await post('/_api/rest/v1/realtime/get-members', {}, t.clientKey)
    expect(missing.status).toBe(400)
    const db = t.server.database.db
    const noRealtime = await createKey(db, { type: 'client', name: 'db', modules: ['db'] })
    const refused = await post(
      '/_api/rest/v1/realtime/get-members',
      { channel: 'x' },
      noRealtime.secret,
    )
    expect(refused.status).toBe(403)
  })

  async function getMembers(channel: string): Promise<unknown> {
    const response = await post('/_api/rest/v1/realtime/get-members', { channel }, t.clientKey)
    expect(response.status).toBe(200)
    return response.json()
  }

  function post(path: string, body: unknown, key: string): Promise<Response> {
    return fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-key': key },
      body: JSON.stringify(body),
    })
  }
})

function isMember(payload: unknown, id: string | undefined): boolean {
  return (payload as { message?: { id?: string } }).message?.id === id
}

function hasCode(payload: unknown, code: string): boolean {
  return (payload as { code?: string }).code === code
}

describe('realtime on shutdown', () => {
  it('closes promptly with sockets connected, which see a transport close', async () => {
    const t = await startTestServer(pgTargets()[0]!)
    const url = await t.server.listen()
    const a = await connect(url, { echoMessages: true, clientKey: t.clientKey })
    const reason = new Promise<string>((resolve) => a.socket.once('disconnect', resolve))
    const started = Date.now()
    await t.close()
    expect(Date.now() - started).toBeLessThan(3000)
    expect(await reason).toBe('transport close')
  })
})
