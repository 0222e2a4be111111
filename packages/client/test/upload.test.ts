import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient } from '../src/index.js'
import {
  fetcherOf,
  json,
  memoryStorage,
  sessionWith,
  startCaptureServer,
} from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('upload without XMLHttpRequest (Node)', () => {
  it('falls back to a multipart POST through fetch', async () => {
    server.reply(json(201, { _id: 'file-1' }))
    const fetcher = fetcherOf(createClient(server.url, 'k'))
    const file = new Blob(['file-bytes'])
    const result = await fetcher.upload('/_api/rest/v1/storage/upload', file, { bucket: 'root' })
    expect(result).toEqual({ data: { _id: 'file-1' }, errors: null })
    const { method, url, headers, body } = server.last()
    expect({ method, url }).toEqual({
      method: 'POST',
      url: '/_api/rest/v1/storage/upload?bucket=root',
    })
    expect(headers['content-type']).toMatch(/^multipart\/form-data/)
    expect(body).toContain('name="file"')
    expect(body).toContain('file-bytes')
  })

  it('resolves a refused connection to network_error', async () => {
    const closed = await startCaptureServer()
    await closed.close()
    const result = await fetcherOf(createClient(closed.url, 'k')).upload('/u', new Blob(['x']))
    expect(result.errors?.items[0]?.code).toBe('network_error')
  })
})

/** A scriptable stand-in for the browser's XMLHttpRequest. */
class FakeXhr {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  withCredentials = false
  timeout = 0
  sent: unknown
  status = 0
  statusText = ''
  responseText = ''
  upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    Object.assign(this, { method, url })
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: unknown) {
    this.sent = body
  }
  /** Completes the request with a status and a body. */
  respond(status: number, statusText: string, responseText: string) {
    Object.assign(this, { status, statusText, responseText })
    this.onload?.()
  }
}

describe('upload with XMLHttpRequest (browsers)', () => {
  function start(body: unknown, options: { timeout?: number } = {}) {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const storage = memoryStorage({ session: JSON.stringify(sessionWith('tok')) })
    const client = createClient('https://h.example.com/e:1', 'ck', {
      ...options,
      localStorage: storage,
    })
    const progress: number[][] = []
    const headers = { 'Content-Type': 'application/json', 'X-Extra': 'e' }
    const pending = fetcherOf(client).upload('up', body, { a: { b: 1 } }, headers, (...args) =>
      progress.push(args),
    )
    return { pending, progress, storage, xhr: FakeXhr.last }
  }

  it('POSTs FormData with the default headers, no Content-Type, and credentials', () => {
    const { xhr } = start(new Blob(['x']))
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('https://h.example.com/e:1/up?a=%7B%22b%22%3A1%7D')
    expect(xhr.headers).toEqual({
      'X-Client': 'altogic-js',
      'X-Client-Key': 'ck',
      Session: 'tok',
      'X-Extra': 'e',
    })
    expect(xhr.withCredentials).toBe(true)
    expect(xhr.sent).toBeInstanceOf(FormData)
    expect((xhr.sent as FormData).get('file')).toBeInstanceOf(Blob)
  })

  it('sends a FormData body as is and reports progress with a whole percentage', () => {
    const form = new FormData()
    const { xhr, progress } = start(form)
    expect(xhr.sent).toBe(form)
    xhr.upload.onprogress?.({ loaded: 1, total: 3 })
    xhr.upload.onprogress?.({ loaded: 5, total: 0 }) // unknown total: not reported
    expect(progress).toEqual([[1, 3, 33]])
  })

  it('succeeds on HTTP 200 only', async () => {
    const ok = start(new Blob(['x']))
    ok.xhr.respond(200, 'OK', '{"_id":"f"}')
    expect(await ok.pending).toEqual({ data: { _id: 'f' }, errors: null })
    const created = start(new Blob(['x']))
    created.xhr.respond(201, 'Created', '{"_id":"f"}')
    expect((await created.pending).errors).toEqual({
      status: 201,
      statusText: 'Created',
      items: [{ _id: 'f' }],
    })
  })

  it('decodes a non-JSON error body instead of hanging', async () => {
    const { xhr, pending } = start(new Blob(['x']))
    xhr.respond(413, 'Payload Too Large', 'too big')
    const { errors } = await pending
    expect(errors).toMatchObject({ status: 413, statusText: 'Payload Too Large' })
    expect(errors?.items[0]?.code).toBe('invalid_response_body')
  })

  it('drops the session on an invalid_session_token error', async () => {
    const { xhr, pending, storage } = start(new Blob(['x']))
    xhr.respond(401, '', '{"errors":[{"code":"invalid_session_token"}]}')
    expect((await pending).errors?.statusText).toBe('Bad Request')
    expect(storage.entries.has('session')).toBe(false)
  })

  it('resolves network failures and timeouts', async () => {
    const failed = start(new Blob(['x']))
    failed.xhr.onerror?.()
    expect((await failed.pending).errors?.items[0]?.code).toBe('network_error')
    const slow = start(new Blob(['x']), { timeout: 1500 })
    expect(slow.xhr.timeout).toBe(1500)
    slow.xhr.ontimeout?.()
    expect((await slow.pending).errors?.items[0]?.code).toBe('request_timeout')
  })
})
