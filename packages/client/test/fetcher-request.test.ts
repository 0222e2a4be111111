import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { Fetcher } from '../src/index.js'
import { fetcherOf, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
let fetcher: Fetcher
beforeAll(async () => {
  server = await startCaptureServer()
  fetcher = fetcherOf(createClient(server.url, 'k'))
})
afterAll(() => server.close())

describe('path and query string', () => {
  it('trims the path and adds a leading slash', async () => {
    await fetcher.get('  orders  ')
    expect(server.last().url).toBe('/orders')
  })

  it('encodes values: objects as JSON, null/undefined as empty, then encodeURIComponent', async () => {
    await fetcher.get('/q', {
      text: 'a b&c=d/é',
      obj: { k: [1, 'x'] },
      list: [1, 2],
      nil: null,
      undef: undefined,
      n: 12,
      yes: true,
    })
    expect(server.last().url).toBe(
      '/q?text=a%20b%26c%3Dd%2F%C3%A9' +
        '&obj=%7B%22k%22%3A%5B1%2C%22x%22%5D%7D&list=%5B1%2C2%5D&nil=&undef=&n=12&yes=true',
    )
  })

  it('joins the query with & when the path already has a ?', async () => {
    await fetcher.post('/auth/resend?email=a+b@x.io', null, { extra: 1 })
    expect(server.last().url).toBe('/auth/resend?email=a+b@x.io&extra=1')
  })

  it('adds no ? for an empty or null query', async () => {
    await fetcher.get('/plain', {})
    expect(server.last().url).toBe('/plain')
    await fetcher.get('/plain2', null)
    expect(server.last().url).toBe('/plain2')
  })
})

describe('body encoding', () => {
  it('sends an object as JSON with Content-Type application/json, dropping undefined keys', async () => {
    await fetcher.post('/json', { a: 1, nested: { b: [true] }, gone: undefined })
    const { method, headers, body } = server.last()
    expect(method).toBe('POST')
    expect(headers['content-type']).toBe('application/json')
    expect(JSON.parse(body)).toEqual({ a: 1, nested: { b: [true] } })
    expect(body).not.toContain('gone')
  })

  it('overwrites a caller Content-Type for JSON bodies and keeps other call headers', async () => {
    await fetcher.put('/json', 'text', {}, { 'content-type': 'text/plain', 'X-Extra': 'yes' })
    const { method, headers, body } = server.last()
    expect(method).toBe('PUT')
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-extra']).toBe('yes')
    expect(body).toBe('"text"')
  })

  it('lets call headers override the defaults', async () => {
    await fetcher.get('/h', {}, { 'X-Client-Key': 'other' })
    expect(server.last().headers['x-client-key']).toBe('other')
  })

  it.each([null, undefined, 0, '', false])(
    'sends no body and no Content-Type for %j',
    async (b) => {
      await fetcher.post('/empty', b)
      const { headers, body } = server.last()
      expect(body).toBe('')
      expect(headers['content-type']).toBeUndefined()
    },
  )

  it('sends DELETE with a JSON body', async () => {
    await fetcher.delete('/thing', { id: 7 })
    expect(server.last()).toMatchObject({ method: 'DELETE', body: '{"id":7}' })
  })

  it('sends FormData as multipart and drops a caller Content-Type', async () => {
    const form = new FormData()
    form.append('name', 'value-1')
    await fetcher.post('/form', form, {}, { 'Content-Type': 'application/json' })
    const { headers, body } = server.last()
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(body).toContain('name="name"')
    expect(body).toContain('value-1')
  })

  it('wraps a Blob in FormData as the single field "file"', async () => {
    await fetcher.post('/blob', new Blob(['blob-content'], { type: 'text/plain' }))
    const { headers, body } = server.last()
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(body).toContain('name="file"')
    expect(body).toContain('blob-content')
  })

  it('does not change the caller headers object', async () => {
    const callHeaders = { 'Content-Type': 'text/plain' }
    await fetcher.post('/json', { a: 1 }, {}, callHeaders)
    expect(callHeaders).toEqual({ 'Content-Type': 'text/plain' })
  })
})
