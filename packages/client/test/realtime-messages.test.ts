import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClientError, type AltogicClient, type EventData } from '../src/index.js'
import { json, startCaptureServer, type CaptureServer } from './capture-server.js'
import {
  connected,
  realtimeClient,
  startRealtimeServer,
  type RealtimeServer,
} from './realtime-server.js'

let server: RealtimeServer
let client: AltogicClient

async function connectedClient(options: Parameters<typeof realtimeClient>[1] = {}) {
  client = realtimeClient(server, options)
  void client.realtime
  const socket = await server.connection()
  await connected(client)
  return socket
}

/** The ClientError `fn` throws. */
function thrown(fn: () => unknown): ClientError {
  try {
    fn()
  } catch (error) {
    return error as ClientError
  }
  throw new Error('nothing thrown')
}

beforeEach(async () => {
  server = await startRealtimeServer()
})

afterEach(async () => {
  client.realtime.close()
  await server.close()
})

describe('realtime emits', () => {
  it('sends join, leave, update, send and broadcast payloads exactly, echo kept (buffered)', async () => {
    await connectedClient()
    const rt = client.realtime
    rt.join('room')
    rt.join('quiet', false)
    rt.leave('quiet', true)
    rt.updateProfile({ name: 'ann' }, false)
    rt.send('room', 'chat', { text: 'hi' }, false)
    rt.send('room', 'chat', 'plain')
    rt.broadcast('news', [1, 2], true)
    rt.broadcast('news', null)
    const events = await server.receivedCount(8)
    expect(events.map(({ event, args }) => [event, ...args])).toEqual([
      ['join', { channel: 'room' }],
      ['join', { channel: 'quiet', echo: false }],
      ['leave', { channel: 'quiet', echo: true }],
      ['update', { data: { name: 'ann' }, echo: false }],
      ['message', { channel: 'room', eventName: 'chat', message: { text: 'hi' }, echo: false }],
      ['message', { channel: 'room', eventName: 'chat', message: 'plain' }],
      ['message', { eventName: 'news', message: [1, 2], echo: true }],
      ['message', { eventName: 'news', message: null }],
    ])
  })

  it('sends volatile messages with echo when bufferMessages is false', async () => {
    await connectedClient({ realtime: { bufferMessages: false } })
    // volatile packets are dropped while the transport is busy: wait for each write to land
    client.realtime.join('room')
    await server.receivedCount(1)
    client.realtime.send('room', 'chat', 1, true)
    await server.receivedCount(2)
    client.realtime.broadcast('news', 2, false)
    const events = await server.receivedCount(3)
    expect(events.slice(1).map(({ args }) => args[0])).toEqual([
      { channel: 'room', eventName: 'chat', message: 1, echo: true },
      { eventName: 'news', message: 2, echo: false },
    ])
  })

  it('buffers emits made before the socket connects', async () => {
    client = realtimeClient(server)
    client.realtime.send('room', 'early', 'x')
    await server.connection()
    const events = await server.receivedCount(1)
    expect(events[0]!.args).toEqual([{ channel: 'room', eventName: 'early', message: 'x' }])
  })

  it('throws missing_required_value ClientErrors for a missing channel or eventName', async () => {
    await connectedClient()
    const rt = client.realtime
    const channelMessage = 'channel is a required parameter, cannot be left empty'
    const eventMessage = 'eventName is a required parameter, cannot be left empty'
    const cases: [() => unknown, string][] = [
      [() => rt.broadcast('', 1), eventMessage],
      [() => rt.send(' ', 'e', 1), channelMessage],
      [() => rt.send('c', undefined as unknown as string, 1), eventMessage],
      [() => rt.join(null as unknown as string), channelMessage],
      [() => rt.leave(''), channelMessage],
    ]
    for (const [fn, message] of cases) {
      const error = thrown(fn)
      expect(error).toBeInstanceOf(ClientError)
      expect(error).toMatchObject({
        origin: 'client_error',
        code: 'missing_required_value',
        message,
      })
    }
    const rejected = await rt.getMembers('').catch((error: unknown) => error)
    expect(rejected).toMatchObject({ code: 'missing_required_value', message: channelMessage })
    rt.broadcast('marker', 0)
    const events = await server.receivedCount(1)
    expect(events.map((e) => e.event)).toEqual(['message'])
  })
})

describe('realtime listeners', () => {
  it('delivers channel events to on/once/onJoin/onLeave/onUpdate', async () => {
    const socket = await connectedClient()
    const rt = client.realtime
    const seen: [string, EventData][] = []
    const done = new Promise<void>((resolve) => {
      const record = (name: string) => (payload: EventData) => {
        seen.push([name, payload])
        if (seen.length === 5) resolve()
      }
      rt.on('chat', record('on'))
      rt.once('chat', record('once'))
      rt.onJoin(record('join'))
      rt.onLeave(record('leave'))
      rt.onUpdate(record('update'))
    })
    const member = { id: 'x', data: { name: 'bo' } }
    socket.emit('chat', { channel: 'room', message: 'hi' })
    socket.emit('channel:join', { channel: 'room', message: member })
    socket.emit('channel:leave', { channel: 'room', message: member })
    socket.emit('channel:update', { channel: 'room', message: member })
    await done
    expect(seen).toEqual([
      ['on', { channel: 'room', message: 'hi' }],
      ['once', { channel: 'room', message: 'hi' }],
      ['join', { channel: 'room', message: member }],
      ['leave', { channel: 'room', message: member }],
      ['update', { channel: 'room', message: member }],
    ])
    expect(rt.getListeners('chat')).toHaveLength(1)
    rt.off('chat')
    expect(rt.getListeners('chat')).toHaveLength(0)
  })

  it('onAny gets (eventName, ...args); offAny removes that listener', async () => {
    const socket = await connectedClient()
    const rt = client.realtime
    const removed: unknown[][] = []
    const kept: unknown[][] = []
    const removedListener = (...args: unknown[]) => void removed.push(args)
    let gotTwo: () => void
    const two = new Promise<void>((r) => (gotTwo = r))
    rt.onAny(removedListener)
    rt.onAny((...args: unknown[]) => {
      kept.push(args)
      if (kept.length === 2) gotTwo()
    })
    const first = new Promise((r) => rt.once('first', r))
    socket.emit('first', { channel: null, message: 1 })
    await first
    rt.offAny(removedListener)
    socket.emit('second', { channel: null, message: 2 })
    await two
    expect(removed).toEqual([['first', { channel: null, message: 1 }]])
    expect(kept).toEqual([
      ['first', { channel: null, message: 1 }],
      ['second', { channel: null, message: 2 }],
    ])
  })

  it('offAny() without a listener removes every catch-all listener', async () => {
    const socket = await connectedClient()
    const rt = client.realtime
    const heard: string[] = []
    rt.onAny((name: string) => void heard.push(name))
    rt.offAny()
    const done = new Promise((r) => rt.once('ping', r))
    socket.emit('ping', { channel: null, message: 0 })
    await done
    expect(heard).toEqual([])
  })
})

describe('realtime getMembers', () => {
  let rest: CaptureServer

  beforeEach(async () => {
    rest = await startCaptureServer()
  })

  afterEach(async () => {
    await rest.close()
  })

  it('posts {channel} to the REST route through the fetcher', async () => {
    client = realtimeClient(server, {}, rest.url)
    client.auth.setSession({ token: 'S1' } as never)
    rest.reply(json(200, [{ id: 'a', data: { name: 'ann' } }]))
    const result = await client.realtime.getMembers('room')
    expect(result).toEqual({ data: [{ id: 'a', data: { name: 'ann' } }], errors: null })
    const request = rest.last()
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/_api/rest/v1/realtime/get-members')
    expect(JSON.parse(request.body)).toEqual({ channel: 'room' })
    expect(request.headers['x-client-key']).toBe('ck-1')
    expect(request.headers.session).toBe('S1')
  })

  it('returns server errors in errors', async () => {
    client = realtimeClient(server, {}, rest.url)
    rest.reply(json(400, { errors: [{ origin: 'x', code: 'y', message: 'z' }] }))
    const result = await client.realtime.getMembers('room')
    expect(result.data).toBeNull()
    expect(result.errors?.items[0]?.code).toBe('y')
  })
})
