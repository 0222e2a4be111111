import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient } from '../src/index.js'
import type { FileUploadOptions } from '../src/index.js'

// Uploads and replaces from Node (no XMLHttpRequest) against a server that keeps the raw bytes
// it receives, and through a stand-in XMLHttpRequest as in browsers.

interface Received {
  url: string
  headers: IncomingHttpHeaders
  bytes: Buffer
}

const received: Received[] = []
const answers: { status: number; body: string }[] = []
let url = ''
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    received.push({ url: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks) })
    const answer = answers.shift() ?? { status: 200, body: '{"_id":"f1"}' }
    if (answer.status === 0) return // no answer: the client's timeout must end the call
    res.writeHead(answer.status, { 'content-type': 'application/json' })
    res.end(answer.body)
  })
})

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.close()
  server.closeAllConnections()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

const storage = () => createClient(url, 'ck').storage
const last = () => received[received.length - 1]!

/** 200 KB of bytes that are not valid UTF-8, so any text re-encoding would show. */
const BINARY = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7 + 128) % 256))

/** Upload options recording every progress call. */
function recording(options: FileUploadOptions = {}) {
  const calls: [number, number, number][] = []
  return {
    calls,
    options: { ...options, onProgress: (...a: [number, number, number]) => calls.push(a) },
  }
}

/** The multipart body of a request, parsed. */
function formOf(request: Received): Promise<FormData> {
  const type = request.headers['content-type']!
  return new Response(new Uint8Array(request.bytes), {
    headers: { 'content-type': type },
  }).formData()
}

/** The `options` query parameter, decoded. */
function optionsOf(request: Received): unknown {
  return JSON.parse(new URL(request.url, url).searchParams.get('options')!)
}

function expectFullProgress(calls: [number, number, number][], total: number) {
  expect(calls.length).toBeGreaterThan(1)
  expect(calls.every(([, t]) => t === total)).toBe(true)
  const loaded = calls.map(([l]) => l)
  expect(loaded).toEqual([...loaded].sort((a, b) => a - b))
  expect(calls[calls.length - 1]).toEqual([total, total, 100])
}

describe('object uploads from Node', () => {
  it('sends a Buffer as raw bytes typed options.contentType, with progress to 100', async () => {
    const { calls, options } = recording({ contentType: 'application/octet-stream', tags: ['a'] })
    const result = await storage().bucket('b1').upload('data.bin', BINARY, options)
    expect(result).toEqual({ data: { _id: 'f1' }, errors: null })
    const request = last()
    expect(request.url).toMatch(
      /^\/_api\/rest\/v1\/storage\/bucket\/upload-object\?bucket=b1&fileName=data\.bin&options=/,
    )
    expect(optionsOf(request)).toEqual({
      contentType: 'application/octet-stream',
      createBucket: false,
      tags: ['a'],
    })
    expect(request.headers['content-type']).toBe('application/octet-stream')
    expect(request.bytes.equals(BINARY)).toBe(true)
    expectFullProgress(calls, BINARY.length)
  })

  it('sends bytes with a Content-Length and no progress when no callback is given', async () => {
    await storage().bucket('b1').upload('data.bin', new Uint8Array(BINARY))
    expect(last().headers['content-length']).toBe(String(BINARY.length))
    expect(last().headers['content-type']).toBe('text/plain;charset=UTF-8')
    expect(last().bytes.equals(BINARY)).toBe(true)
  })

  it('sends only the bytes of a view, and all of an ArrayBuffer', async () => {
    const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4)
    await storage().root.upload('v.bin', new DataView(view.buffer, 1, 3))
    expect([...last().bytes]).toEqual([1, 2, 3])
    await storage().root.upload('a.bin', new Uint16Array([0x0201]).buffer)
    expect([...last().bytes]).toEqual([1, 2])
  })

  it('sends text as UTF-8 and other values as their JSON text', async () => {
    await storage().root.upload('t.txt', 'héllo')
    expect(last().bytes.toString('utf8')).toBe('héllo')
    await storage().root.upload('o.txt', { a: [1] }, { contentType: 'text/plain' })
    expect(last()).toMatchObject({ headers: { 'content-type': 'text/plain' } })
    expect(last().bytes.toString()).toBe('{"a":[1]}')
    await storage().root.upload('n.txt', 42)
    expect(last().bytes.toString()).toBe('42')
  })

  it('sends null as an empty body', async () => {
    await storage().root.upload('e.txt', null as unknown as string)
    expect(last().bytes.length).toBe(0)
  })

  it('JSON-encodes for a JSON content type, bytes as a Buffer object', async () => {
    const type = 'application/ld+json; charset=utf-8'
    await storage().root.upload('j.json', Buffer.from('{"a":1}'), { contentType: type })
    expect(last().headers['content-type']).toBe('application/json')
    expect(JSON.parse(last().bytes.toString())).toEqual({
      type: 'Buffer',
      data: [...Buffer.from('{"a":1}')],
    })
    expect(optionsOf(last())).toMatchObject({ contentType: type })
    await storage().root.upload('s.json', 'x', { contentType: 'application/json' })
    expect(last().bytes.toString()).toBe('"x"')
  })

  it('replaces through replace-object with the file, bucket, options query', async () => {
    const { calls, options } = recording({ contentType: 'image/png', isPublic: false })
    await storage().bucket('b1').file('a.png').replace(BINARY, options)
    expect(last().url).toMatch(
      /^\/_api\/rest\/v1\/storage\/bucket\/file\/replace-object\?file=a\.png&bucket=b1&options=/,
    )
    expect(optionsOf(last())).toEqual({ contentType: 'image/png', isPublic: false })
    expect(last().bytes.equals(BINARY)).toBe(true)
    expectFullProgress(calls, BINARY.length)
  })

  it('keeps uploading when the progress callback throws', async () => {
    const onProgress = () => {
      throw new Error('display broke')
    }
    const result = await storage().root.upload('x.bin', BINARY, { onProgress })
    expect(result.errors).toBeNull()
    expect(last().bytes.equals(BINARY)).toBe(true)
  })

  it('returns the server error of a streamed upload', async () => {
    answers.push({ status: 413, body: '{"errors":[{"code":"file_too_large"}]}' })
    const { options } = recording()
    const { data, errors } = await storage().root.upload('x.bin', BINARY, options)
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 413, items: [{ code: 'file_too_large' }] })
  })
})

describe('streamed uploads and the timeout option', () => {
  it('ends a streamed upload the server does not answer with request_timeout', async () => {
    answers.push({ status: 0, body: '' })
    const client = createClient(url, 'ck', { timeout: 200 })
    const { options } = recording()
    const { data, errors } = await client.storage.root.upload('x.bin', BINARY, options)
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 0, items: [{ code: 'request_timeout' }] })
  })
})

describe('multipart uploads from Node', () => {
  it('uploads a Blob as the multipart field file, byte for byte, with progress to 100', async () => {
    const { calls, options } = recording({ isPublic: true })
    const blob = new Blob([BINARY], { type: 'image/png' })
    const result = await storage().bucket('b1').upload('pic.png', blob, options)
    expect(result.errors).toBeNull()
    const request = last()
    expect(request.url).toMatch(
      /^\/_api\/rest\/v1\/storage\/bucket\/upload-formdata\?bucket=b1&fileName=pic\.png&options=/,
    )
    expect(optionsOf(request)).toEqual({
      contentType: 'text/plain;charset=UTF-8',
      createBucket: false,
      isPublic: true,
    })
    const part = (await formOf(request)).get('file') as File
    expect(part.type).toBe('image/png')
    expect(part.name).toBe('blob')
    expect(Buffer.from(await part.arrayBuffer()).equals(BINARY)).toBe(true)
    expectFullProgress(calls, request.bytes.length)
  })

  it('uploads a Blob without progress through a plain multipart POST', async () => {
    await storage().root.upload('a.txt', new File(['abc'], 'local.txt', { type: 'text/plain' }))
    const part = (await formOf(last())).get('file') as File
    expect(part.name).toBe('local.txt')
    expect(await part.text()).toBe('abc')
  })

  it('sends an app FormData as it is, also through replace-formdata', async () => {
    const form = new FormData()
    form.append('note', 'n1')
    form.append('file', new Blob([BINARY]), 'x.bin')
    const { calls, options } = recording()
    await storage().bucket('b1').file('x.bin').replace(form, options)
    expect(last().url).toMatch(
      /^\/_api\/rest\/v1\/storage\/bucket\/file\/replace-formdata\?bucket=b1&file=x\.bin&options=/,
    )
    const parsed = await formOf(last())
    expect(parsed.get('note')).toBe('n1')
    const part = parsed.get('file') as File
    expect(Buffer.from(await part.arrayBuffer()).equals(BINARY)).toBe(true)
    expectFullProgress(calls, last().bytes.length)
  })
})

/** A stand-in for the browser's XMLHttpRequest that answers 200 when sent. */
class FakeXhr {
  static last: FakeXhr
  headers: Record<string, string> = {}
  url = ''
  sent: unknown
  status = 0
  statusText = ''
  responseText = ''
  withCredentials = false
  upload: { onprogress: ((event: { loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  }
  onload: (() => void) | null = null

  constructor() {
    FakeXhr.last = this
  }
  open(_method: string, target: string) {
    this.url = target
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  send(body: unknown) {
    this.sent = body
    this.upload.onprogress?.({ loaded: 2, total: 4 })
    this.upload.onprogress?.({ loaded: 4, total: 4 })
    Object.assign(this, { status: 200, statusText: 'OK', responseText: '{"_id":"x"}' })
    queueMicrotask(() => this.onload?.())
  }
}

describe('uploads with progress where XMLHttpRequest exists (browsers)', () => {
  it('posts a Blob as FormData through XHR, as published', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const { calls, options } = recording()
    const result = await storage()
      .bucket('b1')
      .upload('a.txt', new Blob(['ab']), options)
    expect(result).toEqual({ data: { _id: 'x' }, errors: null })
    expect(FakeXhr.last.url).toMatch(
      /\/storage\/bucket\/upload-formdata\?bucket=b1&fileName=a\.txt/,
    )
    expect(FakeXhr.last.sent).toBeInstanceOf(FormData)
    expect(Object.keys(FakeXhr.last.headers)).not.toContain('Content-Type')
    expect(calls).toEqual([
      [2, 4, 50],
      [4, 4, 100],
    ])
  })

  it('posts an object body as raw bytes with its Content-Type through XHR', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const { calls, options } = recording({ contentType: 'text/csv' })
    await storage().bucket('b1').file('a.csv').replace('a,b', options)
    expect(FakeXhr.last.url).toMatch(
      /\/storage\/bucket\/file\/replace-object\?file=a\.csv&bucket=b1/,
    )
    expect(FakeXhr.last.headers['Content-Type']).toBe('text/csv')
    expect(new TextDecoder().decode(FakeXhr.last.sent as Uint8Array)).toBe('a,b')
    expect(calls[calls.length - 1]).toEqual([4, 4, 100])
  })

  it('does not use XHR without a progress callback', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    FakeXhr.last = undefined as unknown as FakeXhr
    await storage().root.upload('a.txt', 'plain')
    expect(FakeXhr.last).toBeUndefined()
    expect(last().bytes.toString()).toBe('plain')
  })
})
