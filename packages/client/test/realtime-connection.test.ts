import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClientError, type AltogicClient } from '../src/index.js'
import { sessionWith } from './capture-server.js'
import {
  connected,
  realtimeClient,
  startRealtimeServer,
  type RealtimeServer,
} from './realtime-server.js'

let server: RealtimeServer
let client: AltogicClient | undefined

beforeEach(async () => {
  server = await startRealtimeServer()
})

afterEach(async () => {
  client?.realtime.close()
  client = undefined
  await server.close()
})

describe('realtime connection', () => {
  it('is created lazily, once, and connects to realtimeUrl', async () => {
    client = realtimeClient(server)
    expect(client.realtime).toBe(client.realtime)
    const socket = await server.connection()
    await connected(client)
    expect(client.realtime.isConnected()).toBe(true)
    expect(client.realtime.getSocketId()).toBe(socket.id)
  })

  it('sends the handshake auth with the session token (capital S)', async () => {
    client = realtimeClient(server, { realtime: { echoMessages: false } })
    client.auth.setSession(sessionWith('SESS1'))
    void client.realtime
    const socket = await server.connection()
    expect(socket.handshake.auth).toEqual({
      echoMessages: false,
      subdomain: '',
      envId: '',
      clientKey: 'ck-1',
      Session: 'SESS1',
    })
    expect(Object.keys(socket.handshake.query).sort()).toEqual(['EIO', 'transport'])
  })

  it('leaves Session out without a session and keeps subdomain/envId from the env URL', async () => {
    client = realtimeClient(server, {}, 'https://c1-na.altogic.com/e:62a3f')
    void client.realtime
    const socket = await server.connection()
    expect(socket.handshake.auth).toEqual({
      echoMessages: true,
      subdomain: '',
      envId: '62a3f',
      clientKey: 'ck-1',
    })
  })

  it('delivers connect_error data to onError and does not retry', async () => {
    server.io.use((_socket, next) => {
      const err = new Error('bad key') as Error & { data: unknown }
      err.data = { origin: 'client_error', code: 'invalid_client_key', message: 'bad key' }
      next(err)
    })
    client = realtimeClient(server)
    const error = await new Promise<Error & { data: unknown }>((r) => client!.realtime.onError(r))
    expect(error.message).toBe('bad key')
    expect(error.data).toEqual({
      origin: 'client_error',
      code: 'invalid_client_key',
      message: 'bad key',
    })
    expect(client.realtime.isConnected()).toBe(false)
  })

  it('re-joins channels and resends the profile after a server disconnect and open()', async () => {
    client = realtimeClient(server)
    void client.realtime
    const first = await server.connection()
    await connected(client)
    const realtime = client.realtime
    realtime.updateProfile({ name: 'ann' })
    realtime.join('room-a', false)
    realtime.join('room-b')
    realtime.join('room-c')
    realtime.leave('room-c')
    await server.receivedCount(5)
    const reasons: string[] = []
    const disconnected = new Promise<void>((r) =>
      realtime.onDisconnect((reason) => r(void reasons.push(reason))),
    )
    first.disconnect()
    await disconnected
    expect(reasons).toEqual(['io server disconnect'])
    expect(realtime.isConnected()).toBe(false)
    realtime.open()
    const second = await server.connection()
    const events = await server.receivedCount(8)
    expect(events.slice(5)).toEqual([
      { socketId: second.id, event: 'update', args: [{ data: { name: 'ann' }, echo: true }] },
      { socketId: second.id, event: 'join', args: [{ channel: 'room-a', echo: false }] },
      { socketId: second.id, event: 'join', args: [{ channel: 'room-b', echo: true }] },
    ])
  })

  it('reconnects by itself after a transport close and re-joins', async () => {
    client = realtimeClient(server)
    void client.realtime
    const first = await server.connection()
    await connected(client)
    const attempts: number[] = []
    client.realtime.onReconnectAttempt((n) => attempts.push(n))
    client.realtime.join('room-a')
    await server.receivedCount(1)
    first.conn.close()
    const second = await server.connection()
    const events = await server.receivedCount(2)
    expect(second.id).not.toBe(first.id)
    expect(events[1]).toEqual({
      socketId: second.id,
      event: 'join',
      args: [{ channel: 'room-a', echo: true }],
    })
    expect(attempts[0]).toBe(1)
  })

  it('does not re-join when autoJoinChannels is false', async () => {
    client = realtimeClient(server, { realtime: { autoJoinChannels: false } })
    void client.realtime
    const first = await server.connection()
    await connected(client)
    client.realtime.join('room-a')
    await server.receivedCount(1)
    first.conn.close()
    await server.connection()
    await connected(client)
    client.realtime.broadcast('marker', 1)
    const events = await server.receivedCount(2)
    expect(events.map((e) => e.event)).toEqual(['join', 'message'])
  })

  it('close() disconnects without reconnecting; open() connects again', async () => {
    client = realtimeClient(server)
    void client.realtime
    await server.connection()
    await connected(client)
    const gone = new Promise<string>((r) => client!.realtime.onDisconnect(r))
    client.realtime.close()
    expect(await gone).toBe('io client disconnect')
    expect(client.realtime.isConnected()).toBe(false)
    client.realtime.open()
    await server.connection()
    await connected(client)
    expect(client.realtime.isConnected()).toBe(true)
  })

  it('auth.onUserEvent hears the 7 user:* events as (eventName, session)', async () => {
    client = realtimeClient(server)
    const heard: unknown[][] = []
    const all = new Promise<void>((resolve) =>
      client!.auth.onUserEvent((...args: unknown[]) => {
        heard.push(args)
        if (heard.length === 7) resolve()
      }),
    )
    const socket = await server.connection()
    const names = ['signin', 'signout', 'update', 'delete', 'pwdchange', 'emailchange']
    for (const name of names) socket.emit(`user:${name}`, `user:${name}`, { token: 't' })
    socket.emit('user:phonechange', 'user:phonechange', null, { _id: 'u1' })
    await all
    expect(heard[0]).toEqual(['user:signin', { token: 't' }])
    expect(heard[6]).toEqual(['user:phonechange', null, { _id: 'u1' }])
    expect(heard.map((a) => a[0])).toEqual([...names.map((n) => `user:${n}`), 'user:phonechange'])
  })

  it('getMembers rejects without a channel', async () => {
    client = realtimeClient(server)
    await expect(client.realtime.getMembers(' ')).rejects.toBeInstanceOf(ClientError)
  })
})
