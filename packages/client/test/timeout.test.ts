import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import { fetcherOf, json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
let silent: Server
let silentUrl: string
beforeAll(async () => {
  server = await startCaptureServer()
  silent = createServer(() => undefined) // reads requests, never answers
  silent.listen(0, '127.0.0.1')
  await once(silent, 'listening')
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
})
afterAll(async () => {
  const closed = once(silent, 'close')
  silent.close()
  silent.closeAllConnections() // ends the requests left hanging
  await closed
  await server.close()
})

describe('timeout option', () => {
  it('answers request_timeout when the server never answers', async () => {
    const { data, errors } = await fetcherOf(createClient(silentUrl, 'k', { timeout: 100 })).get(
      '/slow',
    )
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 0, statusText: 'Request Timeout' })
    expect(errors?.items).toEqual([
      {
        origin: 'client_error',
        code: 'request_timeout',
        message: expect.any(String),
        details: { timeout: 100 },
      },
    ])
  })

  it('times out even when a custom fetch ignores the abort signal', async () => {
    let signal: AbortSignal | null | undefined
    const fetch = (_url: string, init: RequestInit) => {
      signal = init.signal
      return new Promise<Response>(() => undefined)
    }
    const client = createClient(server.url, 'k', { timeout: 20, fetch })
    const { errors } = await fetcherOf(client).get('/x')
    expect(errors?.items[0]?.code).toBe('request_timeout')
    expect(signal?.aborted).toBe(true)
  })

  it('does not affect requests answered in time', async () => {
    server.reply(json(200, { ok: true }))
    const result = await fetcherOf(createClient(server.url, 'k', { timeout: 10_000 })).get('/fast')
    expect(result).toEqual({ data: { ok: true }, errors: null })
  })

  it.each([0, -1, Number.NaN])('treats timeout %s as no timeout', async (timeout) => {
    let signal: AbortSignal | null | undefined = null
    const fetch = (url: string, init: RequestInit) => {
      signal = init.signal
      return globalThis.fetch(url, init)
    }
    server.reply(json(200, 1))
    const result = await fetcherOf(createClient(server.url, 'k', { timeout, fetch })).get('/f')
    expect(result).toEqual({ data: 1, errors: null })
    expect(signal).toBeUndefined()
  })
})
