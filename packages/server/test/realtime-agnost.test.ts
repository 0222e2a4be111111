import { randomBytes } from 'node:crypto'
import { createClient } from 'altogic'
import { io } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createKey } from '../src/core/keys/create-key.js'
import { KeyVerifier } from '../src/core/keys/key-verifier.js'
import { authorizeAgnostHandshake } from '../src/core/realtime/realtime-handshake.js'
import { pgTargets, redisUrl } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { connect, waitForEvent } from './realtime-helpers.js'
import type { Recorded } from './realtime-helpers.js'

/** The socket.io path the Agnost client asks for, and the one a prefix-stripping proxy leaves. */
const AGNOST_PATH = '/realtime/realtime/'
const STRIPPED_PATH = '/realtime/'

/** A socket as `@agnost/client` opens it; every event kept with all its positional args. */
interface Agnost extends Recorded {
  calls: { name: string; args: unknown[] }[]
}

/** Connects like `@agnost/client` (path, transports, lowercase auth); resolves once connected. */
function connectAgnost(
  url: string,
  auth: Record<string, unknown>,
  path = AGNOST_PATH,
  transports = ['websocket', 'polling'],
): Promise<Agnost> {
  const socket = io(url, { path, transports, auth, reconnection: false, forceNew: true })
  const agnost: Agnost = { socket, events: [], calls: [] }
  socket.onAny((name: string, ...args: unknown[]) => {
    agnost.events.push([name, args[0]])
    agnost.calls.push({ name, args })
  })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(agnost))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}

const idOf = (payload: unknown) => (payload as { message: { id: string } }).message.id

// Agnost clients (agnost-protocol §1.7) on the same socket.io server as Altogic clients: their
// path and handshake, shared channels both ways, and user events with three positional args.
describe.each(pgTargets())('realtime for Agnost clients on $name PostgreSQL', (target) => {
  let t: TestServer
  let url: string
  let apiKey: string
  const open: Recorded[] = []
  const agnost = async (extra: Record<string, unknown> = {}, path = AGNOST_PATH) => {
    const auth = { echoMessages: true, envId: 'env-1', apiKey, session: undefined, ...extra }
    const recorded = await connectAgnost(url, auth, path)
    open.push(recorded)
    return recorded
  }
  const altogic = async (extra: Record<string, unknown> = {}) => {
    const recorded = await connect(url, { echoMessages: true, clientKey: t.clientKey, ...extra })
    open.push(recorded)
    return recorded
  }
  const refusal = (connecting: Promise<unknown>) =>
    connecting.then(
      () => expect.unreachable('the handshake should be refused'),
      (error: Error & { data?: unknown }) => error.data,
    )
  const joined = async (recorded: Recorded, channel: string) => {
    recorded.socket.emit('join', { channel })
    await waitForEvent(recorded, 'channel:join', (p) => idOf(p) === recorded.socket.id)
  }
  // Sent last by `from`, with echo: once `to` has it, `to` has had everything `from` sent before.
  const settle = async (to: Recorded, from: Recorded) => {
    const marker = `settle-${Math.random()}`
    from.socket.emit('message', { eventName: 'settle', message: marker, echo: true })
    await waitForEvent(to, 'settle', (p) => (p as { message: string }).message === marker)
  }

  beforeAll(async () => {
    t = await startTestServer(target)
    url = await t.server.listen()
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
  })
  afterEach(() => {
    for (const recorded of open.splice(0)) recorded.socket.close()
  })
  afterAll(() => t.close())

  it('accepts an API key on /realtime/realtime/ and /realtime/, over websocket and polling', async () => {
    for (const path of [AGNOST_PATH, STRIPPED_PATH]) {
      const socket = await agnost({}, path)
      expect(socket.socket.connected).toBe(true)
    }
    const polling = await connectAgnost(url, { apiKey }, AGNOST_PATH, ['polling'])
    open.push(polling)
    expect(polling.socket.io.engine.transport.name).toBe('polling')
    // An API key limited to some endpoints still connects: its rules are the endpoints'.
    const db = t.server.database.db
    const limited = await createKey(db, {
      type: 'api',
      name: 'orders only',
      access: 'allow',
      endpoints: ['/orders'],
    })
    expect((await agnost({ apiKey: limited.secret })).socket.connected).toBe(true)
    // Requests outside every socket.io path still reach Fastify.
    const response = await fetch(`${url}/realtime-not-a-socket`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ errors: [{ code: 'resource_not_found' }] })
  })

  it('refuses a missing or wrong API key, a client key, and a bad session', async () => {
    for (const path of [AGNOST_PATH, STRIPPED_PATH]) {
      expect(await refusal(agnost({ apiKey: undefined }, path))).toEqual({
        origin: 'client_error',
        code: 'missing_api_key',
        message: expect.any(String),
      })
      expect(await refusal(agnost({ apiKey: 'ak-nope' }, path))).toMatchObject({
        origin: 'client_error',
        code: 'invalid_api_key',
      })
    }
    expect(await refusal(agnost({ apiKey: t.clientKey }))).toMatchObject({
      code: 'invalid_api_key',
    })
    expect(await refusal(agnost({ session: 'not-a-session' }))).toMatchObject({
      code: 'invalid_session_token',
    })
    const db = t.server.database.db
    const elsewhere = await createKey(db, { type: 'api', name: 'site', domains: ['app.test'] })
    expect(await refusal(agnost({ apiKey: elsewhere.secret }))).toMatchObject({
      code: 'domain_not_allowed',
    })
    // The path decides the handshake: an API key does not open the Altogic path, nor the reverse.
    expect(await refusal(altogic({ clientKey: undefined, apiKey }))).toMatchObject({
      code: 'missing_client_key',
    })
    expect(await refusal(agnost({ apiKey: undefined, clientKey: t.clientKey }))).toMatchObject({
      code: 'missing_api_key',
    })
  })

  it('shares channels with Altogic sockets both ways: joins, messages, members, leaves', async () => {
    const ag = await agnost()
    const al = await altogic()
    await joined(ag, 'mixed')
    await joined(al, 'mixed')
    expect(await waitForEvent(ag, 'channel:join', (p) => idOf(p) === al.socket.id)).toEqual({
      channel: 'mixed',
      message: { id: al.socket.id },
    })

    ag.socket.emit('update', { data: { name: 'ag' }, echo: false })
    expect(await waitForEvent(al, 'channel:update')).toEqual({
      channel: 'mixed',
      message: { id: ag.socket.id, data: { name: 'ag' } },
    })
    const members = await t.server.realtime.members('mixed')
    expect(members.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: ag.socket.id, data: { name: 'ag' } },
        { id: al.socket.id, data: undefined },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    )

    ag.socket.emit('message', { channel: 'mixed', eventName: 'from-agnost', message: { n: 1 } })
    expect(await waitForEvent(al, 'from-agnost')).toEqual({ channel: 'mixed', message: { n: 1 } })
    al.socket.emit('message', { channel: 'mixed', eventName: 'from-altogic', message: 'hi' })
    expect(await waitForEvent(ag, 'from-altogic')).toEqual({ channel: 'mixed', message: 'hi' })
    ag.socket.emit('message', { eventName: 'everyone', message: 'all' })
    expect(await waitForEvent(al, 'everyone')).toEqual({ channel: null, message: 'all' })
    al.socket.emit('message', { eventName: 'everyone-back', message: 'all' })
    expect(await waitForEvent(ag, 'everyone-back')).toEqual({ channel: null, message: 'all' })

    // App code reaches both kinds of socket.
    t.server.realtime.send('mixed', 'from-app', 7)
    for (const s of [ag, al]) {
      expect(await waitForEvent(s, 'from-app')).toEqual({ channel: 'mixed', message: 7 })
    }

    ag.socket.emit('leave', { channel: 'mixed' })
    expect(await waitForEvent(al, 'channel:leave')).toMatchObject({
      channel: 'mixed',
      message: { id: ag.socket.id },
    })
    await settle(ag, al)
    expect((await t.server.realtime.members('mixed')).map((m) => m.id)).toEqual([al.socket.id])
  })

  it('sends user events with three args to Agnost sockets, the usual args to Altogic ones', async () => {
    const a = createClient(url, t.clientKey, { localStorage: memoryStorage() })
    const signedUp = await a.auth.signUpWithEmail('agnost-events@x.test', 'password-1')
    const userId = signedUp.user!._id
    const token = signedUp.session!.token
    const ag = (await agnost({ session: token })) as Agnost
    const al = await agnost({}) // a session-less Agnost socket hears no user event
    const altogicCalls: { name: string; args: unknown[] }[] = []
    const alt = await altogic({ Session: token })
    alt.socket.onAny((name: string, ...args: unknown[]) => altogicCalls.push({ name, args }))

    const b = createClient(url, t.clientKey, { localStorage: memoryStorage() })
    expect((await b.auth.signInWithEmail('agnost-events@x.test', 'password-1')).errors).toBeNull()
    await waitForEvent(ag, 'user:signin')
    await waitForEvent(alt, 'user:signin')
    const signIn = ag.calls.find((call) => call.name === 'user:signin')!.args
    expect(signIn).toEqual([
      'user:signin',
      expect.objectContaining({ userId }),
      expect.objectContaining({ _id: userId, email: 'agnost-events@x.test' }),
    ])
    expect(altogicCalls.find((call) => call.name === 'user:signin')!.args).toEqual(signIn)

    // Sign-out carries no user: Altogic sockets get two args, Agnost ones three (user null).
    expect((await b.auth.signOut()).errors).toBeNull()
    await waitForEvent(ag, 'user:signout')
    await waitForEvent(alt, 'user:signout')
    expect(ag.calls.find((call) => call.name === 'user:signout')!.args).toEqual([
      'user:signout',
      expect.objectContaining({ userId }),
      null,
    ])
    expect(altogicCalls.find((call) => call.name === 'user:signout')!.args).toEqual([
      'user:signout',
      expect.objectContaining({ userId }),
    ])

    // Agnost has no user:update nor user:delete; Altogic sockets still get them.
    t.server.realtime.emitToUser(userId, 'user:update', 'user:update', null, { _id: userId })
    await waitForEvent(alt, 'user:update')
    await settle(ag, ag)
    expect(ag.calls.map((call) => call.name)).not.toContain('user:update')
    await settle(al, al)
    expect(al.calls.filter((call) => call.name.startsWith('user:'))).toEqual([])
  })

  it('checks envId only when an envId is configured', async () => {
    const deps = {
      keys: new KeyVerifier(t.server.database.db),
      sessions: { resolve: async () => undefined },
    }
    const auth = { apiKey, envId: 'env-1' }
    expect(await authorizeAgnostHandshake(deps, auth, undefined)).toMatchObject({
      client: 'agnost',
      userId: undefined,
    })
    const pinned = { ...deps, agnostEnvId: 'env-1' }
    expect(await authorizeAgnostHandshake(pinned, auth, undefined)).toMatchObject({
      client: 'agnost',
    })
    for (const envId of ['env-2', undefined]) {
      await expect(
        authorizeAgnostHandshake(pinned, { apiKey, envId }, undefined),
      ).rejects.toMatchObject({
        code: 'validation_error',
      })
    }
  })
})

describe('realtime for Agnost clients of an app with `agnost.envId`', () => {
  it('accepts the configured envId only', async () => {
    const t = await startTestServer(pgTargets()[0]!, { app: { agnost: { envId: 'env-1' } } })
    const sockets: Recorded[] = []
    try {
      const url = await t.server.listen()
      const apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'a' })).secret
      sockets.push(await connectAgnost(url, { apiKey, envId: 'env-1' }))
      for (const envId of ['env-2', undefined]) {
        const refused = await connectAgnost(url, { apiKey, envId }).then(
          (s) => {
            sockets.push(s)
            return expect.unreachable('another envId should be refused')
          },
          (error: Error & { data?: unknown }) => error.data,
        )
        expect(refused).toMatchObject({
          code: 'validation_error',
          details: { envId: envId ?? null },
        })
      }
    } finally {
      for (const s of sockets) s.socket.close()
      await t.close()
    }
  })
})

describe('realtime for Agnost clients at shutdown', () => {
  it('closes promptly with Agnost sockets connected, over websocket and polling', async () => {
    const t = await startTestServer(pgTargets()[0]!)
    const url = await t.server.listen()
    const apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
    const sockets = await Promise.all([
      connectAgnost(url, { apiKey }),
      connectAgnost(url, { apiKey }, STRIPPED_PATH, ['polling']),
    ])
    const reasons = sockets.map(
      (s) => new Promise<string>((resolve) => s.socket.once('disconnect', resolve)),
    )
    const started = Date.now()
    await t.close()
    expect(Date.now() - started).toBeLessThan(3000)
    // A polling client whose long poll was cut off sees an error rather than a close.
    const [websocket, polling] = await Promise.all(reasons)
    expect(websocket).toBe('transport close')
    expect(['transport close', 'transport error']).toContain(polling)
  })
})

// Two servers of one app on one Redis: an Agnost socket on one and an Altogic socket on the other
// share a channel, and a user event made on one reaches the Agnost socket on the other.
const redis = redisUrl()

describe.skipIf(!redis)('realtime for Agnost clients across two servers on one Redis', () => {
  const app = { name: `realtime-agnost-${randomBytes(4).toString('hex')}` }
  let a: TestServer
  let b: BasaltServer
  let urlA: string
  let urlB: string
  let apiKey: string
  const open: Recorded[] = []

  beforeAll(async () => {
    a = await startTestServer(pgTargets()[0]!, { redisUrl: redis, app, port: 0 })
    b = await createServer(
      parseServerConfig({
        ...DEFAULT_CONFIG,
        port: 0,
        logLevel: 'silent',
        dataDir: '/nonexistent-unused',
        databaseUrl: a.database.url,
        redisUrl: redis,
        app,
      }),
    )
    urlA = await a.server.listen()
    urlB = await b.listen()
    apiKey = (await createKey(a.server.database.db, { type: 'api', name: 'agnost' })).secret
  })
  afterAll(async () => {
    for (const s of open) s.socket.close()
    await b?.close()
    await a?.close()
  })

  it('exchanges channel messages both ways and lists members from either server', async () => {
    const onA = await connectAgnost(urlA, { echoMessages: true, apiKey })
    const onB = await connect(urlB, { echoMessages: true, clientKey: a.clientKey })
    open.push(onA, onB)
    for (const s of [onA, onB]) s.socket.emit('join', { channel: 'across' })
    await waitForEvent(onA, 'channel:join', (p) => idOf(p) === onB.socket.id)
    await waitForEvent(onB, 'channel:join', (p) => idOf(p) === onA.socket.id)

    onA.socket.emit('message', { channel: 'across', eventName: 'ping', message: 1, echo: false })
    expect(await waitForEvent(onB, 'ping')).toEqual({ channel: 'across', message: 1 })
    onB.socket.emit('message', { channel: 'across', eventName: 'pong', message: 2, echo: false })
    expect(await waitForEvent(onA, 'pong')).toEqual({ channel: 'across', message: 2 })
    for (const realtime of [a.server.realtime, b.realtime]) {
      const ids = (await realtime.members('across')).map((m) => m.id)
      expect(ids.sort()).toEqual([onA.socket.id, onB.socket.id].sort())
    }
  })

  it('delivers a sign-in on B to the Agnost socket of that user on A, with three args', async () => {
    const client = createClient(urlB, a.clientKey, { localStorage: memoryStorage() })
    const signedUp = await client.auth.signUpWithEmail('across@x.test', 'password-1')
    const userId = signedUp.user!._id
    const onA = await connectAgnost(urlA, { apiKey, session: signedUp.session!.token })
    open.push(onA)
    const other = createClient(urlB, a.clientKey, { localStorage: memoryStorage() })
    expect((await other.auth.signInWithEmail('across@x.test', 'password-1')).errors).toBeNull()
    await waitForEvent(onA, 'user:signin')
    expect(onA.calls.find((call) => call.name === 'user:signin')!.args).toEqual([
      'user:signin',
      expect.objectContaining({ userId }),
      expect.objectContaining({ _id: userId }),
    ])
  })
})
