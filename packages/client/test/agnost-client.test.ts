import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { agnostRealtimeTarget, agnostSocketOptions } from '../src/agnost/agnost-realtime-url.js'
import { toAgnostPath } from '../src/agnost/agnost-routes.js'
import { ClientError, createAgnostClient } from '../src/index.js'
import { json, memoryStorage, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const KEY = 'ak-123'

/** A client of the capture server with an empty local storage. */
function agnostClient() {
  return createAgnostClient(`${server.url}/env-1`, KEY, { localStorage: memoryStorage() })
}

/** The error a synchronous call throws. */
function thrown(call: () => unknown): unknown {
  try {
    call()
  } catch (error) {
    return error
  }
  return undefined
}

describe('createAgnostClient arguments (agnost-protocol.md §1.2)', () => {
  it.each([
    ['a missing base URL', undefined, KEY, 'missing_required_value'],
    ['a base URL without http(s)://', 'host/env', KEY, 'missing_required_value'],
    ['a missing API key', 'https://h/e', undefined, 'missing_required_value'],
    ['a blank API key', 'https://h/e', '  ', 'missing_required_value'],
    ['an API key that is not a string', 'https://h/e', 42, 'invalid_client_key'],
  ])('rejects %s', (_name, baseUrl, apiKey, code) => {
    const error = thrown(() => createAgnostClient(baseUrl as string, apiKey as string))
    expect(error).toBeInstanceOf(ClientError)
    expect(error).toMatchObject({ origin: 'client_error', code })
  })
})

describe('Agnost storage (agnost-protocol.md §1.6)', () => {
  it('uploads a Blob as the multipart field `file` with fileName and options', async () => {
    const info = { id: 'f1', path: 'a.txt', size: 5 }
    server.reply(json(200, info))
    const blob = new Blob(['hello'], { type: 'text/plain' })
    const bucket = agnostClient().storage('s1').bucket('b1')
    const result = await bucket.upload('a.txt', blob, { isPublic: true, tags: ['t'] })
    expect(result).toEqual({ data: info, errors: null })
    const request = server.last()
    const options = encodeURIComponent('{"upsert":false,"isPublic":true,"tags":["t"]}')
    expect(request.method).toBe('POST')
    expect(request.url).toBe(
      `/env-1/agnost/storage/s1/bucket/b1/upload-formdata?fileName=a.txt&options=${options}`,
    )
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(request.headers.authorization).toBe(KEY)
    expect(request.headers['x-client']).toBe('agnost-js')
    expect(request.body).toMatch(/name="file"; filename="blob"\r\nContent-Type: text\/plain/)
    expect(request.body).toContain('\r\n\r\nhello\r\n')
  })

  it('sends a FormData as it is; onProgress is left out of the options', async () => {
    const form = new FormData()
    form.append('file', new Blob(['x']), 'x.bin')
    const bucket = agnostClient().storage('s1').bucket('b1')
    await bucket.upload('dir/x.bin', form, { upsert: true, onProgress: () => {} })
    const options = encodeURIComponent('{"upsert":true}')
    expect(server.last().url).toBe(
      `/env-1/agnost/storage/s1/bucket/b1/upload-formdata?fileName=dir%2Fx.bin&options=${options}`,
    )
    expect(server.last().body).toContain('filename="x.bin"')
  })

  it.each([
    ['a string', 'text'],
    ['bytes', new Uint8Array([1, 2])],
    ['an object', { a: 1 }],
    ['null', null],
  ])('rejects %s with unsupported_file_format, sending nothing', async (_name, body) => {
    const count = server.requests.length
    const bucket = agnostClient().storage('s1').bucket('b1')
    const upload = bucket.upload('a.txt', body as unknown as Blob)
    await expect(upload).rejects.toBeInstanceOf(ClientError)
    await expect(upload).rejects.toMatchObject({ code: 'unsupported_file_format' })
    expect(server.requests.length).toBe(count)
  })

  it("storage('a') then storage('b') targets b (Agnost kept a); one manager per name", async () => {
    const client = agnostClient()
    const a = client.storage('a')
    await client
      .storage('b')
      .bucket('x')
      .upload('f', new Blob(['1']))
    expect(server.last().url).toMatch(/^\/env-1\/agnost\/storage\/b\/bucket\/x\/upload-formdata\?/)
    await a.bucket('x').upload('f', new Blob(['1']))
    expect(server.last().url).toMatch(/^\/env-1\/agnost\/storage\/a\/bucket\/x\/upload-formdata\?/)
    expect(client.storage('a')).toBe(a)
    expect(client.storage('b')).not.toBe(a)
  })
})

describe('Agnost realtime connection (agnost-protocol.md §1.7)', () => {
  it.each([
    ['https://host.test/env-1', 'https://host.test', 'env-1'],
    ['http://127.0.0.1:8080/env-1/', 'http://127.0.0.1:8080', 'env-1'],
    // Basalt: Agnost gave '' for these two, so realtime never connected
    ['https://api.example.com', 'https://api.example.com', ''],
    ['https://host.test/a/b', 'https://host.test', ''],
  ])('%s', (baseUrl, realtimeUrl, envId) => {
    expect(agnostRealtimeTarget(baseUrl)).toEqual({
      realtimeUrl,
      path: '/realtime/realtime/',
      envId,
    })
  })

  it('an explicit realtimeUrl wins; the envId still comes from the base URL', () => {
    expect(agnostRealtimeTarget('https://host.test/env-1', ' http://rt:9 ')).toEqual({
      realtimeUrl: 'http://rt:9',
      path: '/realtime/realtime/',
      envId: 'env-1',
    })
  })

  it('the handshake is {echoMessages, envId, apiKey, session}', () => {
    const realtime = {
      autoJoinChannels: true,
      echoMessages: false,
      reconnectionDelay: 10,
      timeout: 20,
      bufferMessages: true,
    }
    const identity = { baseUrl: 'https://host.test/env-1', apiKey: KEY, sessionToken: 'tok' }
    expect(agnostSocketOptions(identity, realtime)).toEqual({
      url: 'https://host.test',
      options: {
        path: '/realtime/realtime/',
        reconnection: true,
        reconnectionDelay: 10,
        timeout: 20,
        transports: ['websocket', 'polling'],
        auth: { echoMessages: false, envId: 'env-1', apiKey: KEY, session: 'tok' },
      },
    })
  })
})

describe('Agnost route translation', () => {
  it.each([
    ['/_api/rest/v1/auth/signout', '/agnost/auth/signout'],
    ['/_api/rest/v1/realtime/get-members', '/agnost/realtime/get-members'],
    ['/_api/rest/v1x', '/_api/rest/v1x'],
    ['/orders', '/orders'],
    ['/agnost/auth/resend', '/agnost/auth/resend'],
  ])('%s -> %s', (path, expected) => {
    expect(toAgnostPath(path)).toBe(expected)
  })
})
