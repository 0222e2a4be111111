import { createClient } from 'altogic'
import { io } from 'socket.io-client'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../src/tools/secrets.js'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

/** A socket with every event it received, all positional args kept. */
interface Listening {
  socket: Socket
  events: { name: string; args: unknown[] }[]
}

// The user:* events of protocol §7.4 / backend §4.6: sent to the sockets whose handshake Session
// is the user's, with positional args (eventName, session | null[, user]).
describe.each(pgTargets())('realtime user events on $name PostgreSQL', (target) => {
  let t: TestServer
  let url: string
  const sockets: Socket[] = []
  const client = () => createClient(url, t.clientKey, { localStorage: memoryStorage() })

  const listen = (session?: string): Promise<Listening> => {
    const auth = { clientKey: t.clientKey, Session: session, echoMessages: true }
    const socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true })
    sockets.push(socket)
    const listening: Listening = { socket, events: [] }
    socket.onAny((name: string, ...args: unknown[]) => listening.events.push({ name, args }))
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(listening))
      socket.once('connect_error', reject)
    })
  }
  /** Waits for the `count` events named `name` a socket has received since `from`. */
  const received = async (on: Listening, name: string, count = 1, from = 0, ms = 3000) => {
    const deadline = Date.now() + ms
    for (;;) {
      const hits = on.events.slice(from).filter((event) => event.name === name)
      if (hits.length >= count) return hits.map((event) => event.args)
      if (Date.now() > deadline) throw new Error(`no ${count} '${name}' in ${ms} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  beforeAll(async () => {
    t = await startTestServer(target)
    url = await t.server.listen()
  })
  afterAll(async () => {
    for (const socket of sockets) socket.close()
    await t.close()
  })

  it("emits sign-in, password, email, phone and sign-out events to the user's sockets only", async () => {
    const a = client()
    const signedUp = await a.auth.signUpWithEmail('events@x.test', 'password-1')
    const userId = signedUp.user!._id
    const tokenA = signedUp.session!.token
    const b = client()
    const tokenB = (await b.auth.signInWithEmail('events@x.test', 'password-1')).session!.token
    const other = client()
    await other.auth.signUpWithEmail('other@x.test', 'password-1')

    const alice = await listen(tokenA)
    const bob = await listen(other.auth.getSession()!.token)
    const anonymous = await listen()

    // A third sign-in: the socket of session A hears it, with the new session by its public id.
    const c = client()
    const tokenC = (await c.auth.signInWithEmail('events@x.test', 'password-1')).session!.token
    const [signIn] = await received(alice, 'user:signin')
    expect(signIn).toEqual([
      'user:signin',
      expect.objectContaining({
        userId,
        token: hashSecret(tokenC),
        creationDtm: expect.any(String),
      }),
      expect.objectContaining({ _id: userId, email: 'events@x.test' }),
    ])
    expect(JSON.stringify(signIn)).not.toContain(tokenC)

    // A password change ends the other sessions: one user:signout for each.
    let mark = alice.events.length
    expect((await a.auth.changePassword('password-2', 'password-1')).errors).toBeNull()
    const [pwd] = await received(alice, 'user:pwdchange', 1, mark)
    expect(pwd).toEqual([
      'user:pwdchange',
      expect.objectContaining({ userId, token: hashSecret(tokenA) }),
      expect.objectContaining({ _id: userId }),
    ])
    const signOuts = await received(alice, 'user:signout', 2, mark)
    expect(signOuts.map((args) => args.length)).toEqual([2, 2])
    expect(signOuts.map((args) => (args[1] as { token: string }).token).sort()).toEqual(
      [hashSecret(tokenB), hashSecret(tokenC)].sort(),
    )
    expect(signOuts.every((args) => args[0] === 'user:signout')).toBe(true)

    // Email and phone changes, confirmation off: they apply at once and carry the new user.
    mark = alice.events.length
    expect((await a.auth.changeEmail('password-2', 'moved@x.test')).errors).toBeNull()
    const [email] = await received(alice, 'user:emailchange', 1, mark)
    expect(email).toEqual([
      'user:emailchange',
      expect.objectContaining({ token: hashSecret(tokenA) }),
      expect.objectContaining({ _id: userId, email: 'moved@x.test' }),
    ])
    expect((await a.auth.changePhone('password-2', '+15555550177')).errors).toBeNull()
    const [phone] = await received(alice, 'user:phonechange', 1, mark)
    expect(phone).toEqual([
      'user:phonechange',
      expect.objectContaining({ token: hashSecret(tokenA) }),
      expect.objectContaining({ _id: userId, phone: '+15555550177' }),
    ])

    // A failed change announces nothing.
    mark = alice.events.length
    expect((await a.auth.changePassword('password-3', 'wrong-old')).errors).not.toBeNull()

    expect((await a.auth.signOut()).errors).toBeNull()
    const [signOut] = await received(alice, 'user:signout', 1, mark)
    expect(signOut).toEqual([
      'user:signout',
      expect.objectContaining({ userId, token: hashSecret(tokenA) }),
    ])
    expect(alice.events.slice(mark).map((event) => event.name)).toEqual(['user:signout'])

    // Another user's socket and a session-less one heard none of it: each broadcasts a marker
    // with echo (sent after every event above) and, once its own marker is back, has no user:*.
    for (const bystander of [bob, anonymous]) {
      const marker = `marker-${Math.random()}`
      bystander.socket.emit('message', { eventName: 'marker', message: marker, echo: true })
      const index = () =>
        bystander.events.findIndex(
          (event) =>
            event.name === 'marker' && (event.args[0] as { message: string }).message === marker,
        )
      while (index() < 0) await new Promise((resolve) => setTimeout(resolve, 10))
      const before = bystander.events.slice(0, index()).map((event) => event.name)
      expect(before.filter((name) => name.startsWith('user:'))).toEqual([])
    }
  })
})
