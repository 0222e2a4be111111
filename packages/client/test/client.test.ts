import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AltogicClient, ClientError, createClient } from '../src/index.js'
import type { ClientOptions } from '../src/index.js'
import { fetcherOf, memoryStorage, sessionWith, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

const ENV_URL_MESSAGE = 'envUrl is a required parameter and needs to start with https://'
const KEY_MESSAGE = 'clientKey is a required parameter, cannot be left empty'

/** Calls `fn` and returns what it threw. */
function thrown(fn: () => unknown): ClientError {
  try {
    fn()
  } catch (error) {
    return error as ClientError
  }
  throw new Error('expected a throw')
}

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

describe('createClient argument checks', () => {
  it.each([undefined, null, '', '   ', 'ftp://host', 'HTTPS://host', 'host.com', 42])(
    'rejects envUrl %j with missing_required_value',
    (envUrl) => {
      const error = thrown(() => createClient(envUrl as string, 'key'))
      expect(error).toBeInstanceOf(ClientError)
      expect(error).toMatchObject({
        origin: 'client_error',
        code: 'missing_required_value',
        message: ENV_URL_MESSAGE,
      })
    },
  )

  it.each([undefined, null, '', '  \t '])('rejects clientKey %j as missing', (key) => {
    const error = thrown(() => createClient('https://x.example.com', key as string))
    expect(error).toMatchObject({ code: 'missing_required_value', message: KEY_MESSAGE })
  })

  it.each([123, {}, ['k']])('rejects a non-string clientKey %j as invalid_client_key', (key) => {
    const error = thrown(() => createClient('https://x.example.com', key as unknown as string))
    expect(error).toMatchObject({
      origin: 'client_error',
      code: 'invalid_client_key',
      message: 'clientKey needs to be a valid key string',
    })
  })

  it('accepts http:// and https:// after trimming, and returns an AltogicClient', () => {
    expect(createClient('  http://localhost:1  ', 'k')).toBeInstanceOf(AltogicClient)
    expect(createClient('https://a.b.c', 'k').auth).toBeDefined()
  })
})

describe('base URL and default headers', () => {
  it('trims the env URL, drops one trailing slash and keeps a path prefix', async () => {
    const client = createClient(`  ${server.url}/e:env1/  `, 'the-key')
    expect(fetcherOf(client).getBaseUrl()).toBe(`${server.url}/e:env1`)
    await fetcherOf(client).get('ping')
    expect(server.last().url).toBe('/e:env1/ping')
  })

  it('sends X-Client and X-Client-Key, and no Authorization or Session without them', async () => {
    const client = createClient(server.url, 'the-key')
    await fetcherOf(client).get('/h')
    const { headers } = server.last()
    expect(headers['x-client']).toBe('altogic-js')
    expect(headers['x-client-key']).toBe('the-key')
    expect(headers.authorization).toBeUndefined()
    expect(headers.session).toBeUndefined()
    expect(fetcherOf(client).getClientKey()).toBe('the-key')
  })

  it('sends the apiKey raw in Authorization', async () => {
    const client = createClient(server.url, 'k', { apiKey: 'api-secret' })
    await fetcherOf(client).get('/h')
    expect(server.last().headers.authorization).toBe('api-secret')
  })

  it('sends the Session header after auth.setSession, and stores the session', async () => {
    const storage = memoryStorage()
    const client = createClient(server.url, 'k', { localStorage: storage })
    client.auth.setSession(sessionWith('tok-1'))
    await fetcherOf(client).post('/h')
    expect(server.last().headers.session).toBe('tok-1')
    expect(JSON.parse(storage.entries.get('session')!)).toMatchObject({ token: 'tok-1' })
    expect(fetcherOf(client).getSessionToken()).toBe('tok-1')
  })

  it('restores a stored session at construction', async () => {
    const storage = memoryStorage({ session: JSON.stringify(sessionWith('stored-tok')) })
    const client = createClient(server.url, 'k', { localStorage: storage })
    await fetcherOf(client).get('/h')
    expect(server.last().headers.session).toBe('stored-tok')
  })

  it('survives a corrupt stored session and sends no Session header', async () => {
    const client = createClient(server.url, 'k', { localStorage: memoryStorage({ session: '{' }) })
    expect(client.auth.getSession()).toBeNull()
    await fetcherOf(client).get('/h')
    expect(server.last().headers.session).toBeUndefined()
  })
})

describe('options', () => {
  /** Exposes the protected settings. */
  class Inspectable extends AltogicClient {
    get options() {
      return this.settings
    }
  }

  it('merges realtime options field by field over the defaults', () => {
    const client = new Inspectable('https://x.y.z', 'k', { realtime: { timeout: 5 } })
    expect(client.options.realtime).toEqual({
      autoJoinChannels: true,
      echoMessages: true,
      reconnectionDelay: 1000,
      timeout: 5,
      bufferMessages: true,
    })
    expect(client.options.localStorage).toBeUndefined() // no window in Node
  })

  it('keeps the explicit realtimeUrl behind a getter', () => {
    const url = 'wss://rt.example.com'
    expect(createClient('https://x.y.z', 'k', { realtimeUrl: url }).realtimeUrl).toBe(url)
    expect(createClient('https://x.y.z', 'k').realtimeUrl).toBeUndefined()
  })

  it('sends through a custom fetch, with credentials: include', async () => {
    const inits: RequestInit[] = []
    const options: ClientOptions = {
      fetch: (input, init) => {
        inits.push(init)
        return globalThis.fetch(input, init)
      },
    }
    const { data } = await fetcherOf(createClient(server.url, 'k', options)).get('/custom')
    expect(data).toEqual({})
    expect(inits).toHaveLength(1)
    expect(inits[0]).toMatchObject({ method: 'GET', credentials: 'include' })
    expect(server.last().url).toBe('/custom')
  })
})
