import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEADERS, REST_PREFIX } from '@basalt/protocol'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { decodeObjectBody } from '../src/api/routes/storage/upload-input.js'

/** Small enough to test overflow cheaply, above the 1 MiB JSON body limit. */
const MAX_FILE = 3 * 1024 * 1024
const STORAGE = `${REST_PREFIX}/storage`

describe('decodeObjectBody (protocol §4.4)', () => {
  const decode = (text: string) => decodeObjectBody(Buffer.from(text)).toString('latin1')

  it.each([
    ['a JSON string', '"héllo\\n"', Buffer.from('héllo\n').toString('latin1')],
    ['a serialised Buffer', '{"type":"Buffer","data":[104,105,0,255]}', 'hi\u0000\u00ff'],
    ['a TypedArray', '{"0":1,"1":2,"2":255}', '\u0001\u0002\u00ff'],
    ['another object, as sent', '{ "a": 1 }', '{ "a": 1 }'],
    ['an empty object (an ArrayBuffer)', '{}', '{}'],
    ['keys with a gap', '{"0":1,"2":2}', '{"0":1,"2":2}'],
    ['values past a byte', '{"0":1,"1":256}', '{"0":1,"1":256}'],
    [
      'a Buffer with bad data',
      '{"type":"Buffer","data":[1,"x"]}',
      '{"type":"Buffer","data":[1,"x"]}',
    ],
    ['a number', '42', '42'],
    ['text that is not JSON', 'not json', 'not json'],
    ['nothing', '', ''],
  ])('decodes %s', (_name, body, bytes) => {
    expect(decode(body)).toBe(bytes)
  })
})

describe('storage uploads, replaces and downloads', () => {
  const target = pgTargets().at(-1)!
  let t: TestServer
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'basalt-upload-'))
    t = await startTestServer(target, { dataDir, maxFileSizeBytes: MAX_FILE })
  })
  afterAll(async () => {
    await t?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  /** The query string the Altogic client builds (§1.6): objects as URL-encoded JSON. */
  const urlOf = (route: string, query: Record<string, unknown>) =>
    `${STORAGE}/${route}?` +
    Object.entries(query)
      .map(
        ([k, v]) =>
          `${k}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`,
      )
      .join('&')

  const post = (
    url: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string> = {},
  ) =>
    t.server.app.inject({
      method: 'POST',
      url,
      headers: { [HEADERS.clientKey]: t.clientKey, ...headers },
      ...(payload === undefined ? {} : { payload }),
    })

  const json = (url: string, body: unknown) =>
    post(url, JSON.stringify(body), { 'content-type': 'application/json' })

  /** A real multipart body, as fetch would send the FormData. */
  async function multipart(form: FormData): Promise<{ payload: Buffer; type: string }> {
    const response = new Response(form)
    const payload = Buffer.from(await response.arrayBuffer())
    return { payload, type: response.headers.get('content-type')! }
  }

  async function uploadForm(
    query: Record<string, unknown>,
    form: FormData,
    route = 'bucket/upload-formdata',
  ) {
    const body = await multipart(form)
    return post(urlOf(route, query), body.payload, { 'content-type': body.type })
  }

  const fileForm = (bytes: Uint8Array | string, type: string, field = 'file') => {
    const form = new FormData()
    form.append(field, new Blob([bytes], { type }), 'client-name.bin')
    return form
  }

  const download = (bucket: string, file: string) =>
    json(`${STORAGE}/bucket/file/download`, { file, bucket })

  const exists = async (bucket: string, file: string) =>
    (await json(`${STORAGE}/bucket/file/exists`, { file, bucket })).json()

  const defaults = { contentType: 'text/plain;charset=UTF-8', createBucket: false }

  it('uploads multipart content under the fileName of the query, with its options', async () => {
    const csv = 'a,b\n1,2\n'
    const res = await uploadForm(
      {
        bucket: 'root',
        fileName: 'data.csv',
        options: { ...defaults, isPublic: false, tags: ['t1', 't2'] },
      },
      fileForm(csv, 'text/csv'),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      fileName: 'data.csv',
      size: csv.length,
      mimeType: 'text/csv',
      encoding: '7bit',
      isPublic: false,
      tags: ['t1', 't2'],
    })
    const got = await download('root', 'data.csv')
    expect(got.statusCode).toBe(200)
    expect(got.body).toBe(csv)
  })

  it('takes the first file part whatever its name, and a string tag as a list', async () => {
    const form = new FormData()
    form.append('note', 'a text field first')
    form.append('upload', new Blob(['other name'], { type: 'text/markdown' }), 'x.md')
    const res = await uploadForm(
      { fileName: 'notes.md', options: { ...defaults, tags: 'one' } },
      form,
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      fileName: 'notes.md',
      mimeType: 'text/markdown',
      tags: ['one'],
    })
  })

  it('decodes each JSON encoding of upload-object and stores raw bodies as sent', async () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    const cases = [
      { name: 's.txt', body: JSON.stringify('hello wörld'), expected: Buffer.from('hello wörld') },
      { name: 'b.bin', body: JSON.stringify(Buffer.from('hi')), expected: Buffer.from('hi') },
      {
        name: 'u.bin',
        body: JSON.stringify(new Uint8Array([1, 2, 250])),
        expected: Buffer.from([1, 2, 250]),
      },
      { name: 'o.json', body: JSON.stringify({ a: [1, 2] }), expected: Buffer.from('{"a":[1,2]}') },
    ]
    for (const c of cases) {
      const res = await post(
        urlOf('bucket/upload-object', {
          bucket: 'root',
          fileName: c.name,
          options: { ...defaults, contentType: 'application/x-basalt-test' },
        }),
        c.body,
        { 'content-type': 'application/json' },
      )
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toMatchObject({
        fileName: c.name,
        size: c.expected.length,
        encoding: 'binary',
        mimeType: 'application/x-basalt-test',
      })
      expect((await download('root', c.name)).rawPayload.equals(c.expected), c.name).toBe(true)
    }
    const raw = await post(
      urlOf('bucket/upload-object', {
        fileName: 'raw.bin',
        options: { contentType: 'application/x-raw' },
      }),
      binary,
      { 'content-type': 'application/octet-stream' },
    )
    expect(raw.statusCode, raw.body).toBe(200)
    expect(raw.json()).toMatchObject({ size: 256, mimeType: 'application/x-raw' })
    const got = await download('root', 'raw.bin')
    expect(got.rawPayload.equals(binary)).toBe(true)
    expect(got.headers['content-type']).toBe('application/x-raw')
    expect(got.headers['content-length']).toBe('256')
  })

  it('stores an empty upload-object body (the client drops an empty string) as an empty file', async () => {
    const res = await post(
      urlOf('bucket/upload-object', { fileName: 'empty.txt', options: defaults }),
      undefined,
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ size: 0, mimeType: 'text/plain;charset=UTF-8' })
  })

  it('creates the bucket when asked, and refuses a missing one otherwise', async () => {
    const missing = await post(
      urlOf('bucket/upload-object', { bucket: 'nope', fileName: 'a.txt', options: defaults }),
      '"x"',
      { 'content-type': 'application/json' },
    )
    expect(missing.statusCode).toBe(404)
    expect(missing.json().errors[0].code).toBe('bucket_not_found')
    const created = await post(
      urlOf('bucket/upload-object', {
        bucket: 'fresh',
        fileName: 'a.txt',
        options: { ...defaults, createBucket: true },
      }),
      '"x"',
      { 'content-type': 'application/json' },
    )
    expect(created.statusCode, created.body).toBe(200)
    expect(created.json().isPublic).toBe(true)
    expect(await exists('fresh', 'a.txt')).toBe(true)
  })

  it('answers what Node sends for a FormData ([object FormData] as text) with a JSON 400', async () => {
    const res = await post(
      urlOf('bucket/upload-formdata', { fileName: 'f.txt', options: defaults }),
      '[object FormData]',
      {
        'content-type': 'text/plain;charset=UTF-8',
      },
    )
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].code).toBe('invalid_upload')
    expect(await exists('root', 'f.txt')).toBe(false)
  })

  it.each([
    ['no content type', {}, 'x'],
    ['no boundary', { 'content-type': 'multipart/form-data' }, 'x'],
    [
      'a cut-off form',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a fi',
    ],
    [
      'a form with no file',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
      '--XyZ\r\nContent-Disposition: form-data; name="file"\r\n\r\njust text\r\n--XyZ--\r\n',
    ],
    [
      'a broken part header',
      { 'content-type': 'multipart/form-data; boundary=XyZ' },
      '--XyZ\r\nthis is no header\r\n\r\n--XyZ--\r\n',
    ],
  ])('refuses a multipart upload with %s: 400 invalid_upload', async (_name, headers, body) => {
    const res = await post(
      urlOf('bucket/upload-formdata', { fileName: 'broken.txt', options: defaults }),
      body,
      headers,
    )
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().errors[0].code).toBe('invalid_upload')
    expect(await exists('root', 'broken.txt')).toBe(false)
  })

  it('refuses options that are not JSON', async () => {
    const res = await post(
      `${STORAGE}/bucket/upload-object?fileName=x.txt&options=%7Bnope`,
      '"x"',
      { 'content-type': 'application/json' },
    )
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].code).toBe('invalid_upload')
  })

  it('streams bodies past the 1 MiB JSON limit, up to the file size limit', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 7)
    const form = await uploadForm(
      { fileName: 'big-form.bin', options: defaults },
      fileForm(big, 'application/x-big'),
    )
    expect(form.statusCode, form.body).toBe(200)
    expect(form.json().size).toBe(big.length)
    const raw = await post(
      urlOf('bucket/upload-object', {
        fileName: 'big-raw.bin',
        options: { contentType: 'application/x-big' },
      }),
      big,
      {
        'content-type': 'application/octet-stream',
      },
    )
    expect(raw.statusCode, raw.body).toBe(200)
    expect((await download('root', 'big-raw.bin')).rawPayload.equals(big)).toBe(true)
  })

  it.each([
    ['multipart', 'bucket/upload-formdata'],
    ['raw', 'bucket/upload-object'],
    ['JSON', 'bucket/upload-object'],
  ])(
    'refuses a %s upload past maxFileSizeBytes with 413 file_too_large, storing nothing',
    async (kind, route) => {
      const bytes = Buffer.alloc(MAX_FILE + 1, 1)
      const fileName = `too-big-${kind}.bin`
      const query = { fileName, options: { contentType: 'application/x-big' } }
      const res =
        kind === 'multipart'
          ? await uploadForm(query, fileForm(bytes, 'application/x-big'))
          : kind === 'raw'
            ? await post(urlOf(route, query), bytes, { 'content-type': 'application/octet-stream' })
            : await post(urlOf(route, query), JSON.stringify('a'.repeat(MAX_FILE + 1)), {
                'content-type': 'application/json',
              })
      expect(res.statusCode, res.body).toBe(413)
      expect(res.json().errors[0].code).toBe('file_too_large')
      expect(await exists('root', fileName)).toBe(false)
    },
  )

  it('accepts a file of exactly maxFileSizeBytes', async () => {
    const bytes = Buffer.alloc(MAX_FILE, 2)
    const res = await uploadForm(
      { fileName: 'exact.bin', options: defaults },
      fileForm(bytes, 'application/x-big'),
    )
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().size).toBe(MAX_FILE)
  })

  it('refuses JSON text past its own limit with 413 payload_too_large', async () => {
    const huge = JSON.stringify('a'.repeat(MAX_FILE * 4 + 2048))
    expect(huge.length).toBeGreaterThan(MAX_FILE * 4 + 1024)
    const res = await post(
      urlOf('bucket/upload-object', { fileName: 'huge.bin', options: defaults }),
      huge,
      { 'content-type': 'application/json' },
    )
    expect(res.statusCode).toBe(413)
    expect(res.json().errors[0].code).toBe('payload_too_large')
  })

  it('replaces content, keeping the id and the name (formdata and object)', async () => {
    const first = await post(
      urlOf('bucket/upload-object', { fileName: 'doc.txt', options: defaults }),
      '"version one"',
      { 'content-type': 'application/json' },
    )
    const original = first.json()
    const byForm = await uploadForm(
      { bucket: 'root', file: 'doc.txt', options: { contentType: 'text/plain;charset=UTF-8' } },
      fileForm('v2', 'text/csv'),
      'bucket/file/replace-formdata',
    )
    expect(byForm.statusCode, byForm.body).toBe(200)
    expect(byForm.json()).toMatchObject({
      _id: original._id,
      fileName: 'doc.txt',
      size: 2,
      mimeType: 'text/csv',
    })
    const byObject = await post(
      urlOf('bucket/file/replace-object', {
        file: original._id,
        bucket: 'root',
        options: { contentType: 'text/html' },
      }),
      JSON.stringify('<p>three</p>'),
      { 'content-type': 'application/json' },
    )
    expect(byObject.statusCode, byObject.body).toBe(200)
    expect(byObject.json()).toMatchObject({
      _id: original._id,
      fileName: 'doc.txt',
      size: 12,
      mimeType: 'text/html',
      encoding: 'binary',
    })
    expect((await download('root', 'doc.txt')).body).toBe('<p>three</p>')
    const gone = await post(
      urlOf('bucket/file/replace-object', {
        file: 'nothing.txt',
        bucket: 'root',
        options: defaults,
      }),
      '"x"',
      { 'content-type': 'application/json' },
    )
    expect(gone.statusCode).toBe(404)
    expect(gone.json().errors[0].code).toBe('file_not_found')
  })

  it('downloads exact bytes as an attachment, and answers a missing file with JSON', async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 10, 13])
    await post(
      urlOf('bucket/upload-object', {
        fileName: 'résumé (1).bin',
        options: { contentType: 'application/x-bin' },
      }),
      bytes,
      {
        'content-type': 'application/octet-stream',
      },
    )
    const res = await download('root', 'résumé (1).bin')
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload.equals(bytes)).toBe(true)
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.bin`,
    )
    const missing = await download('root', 'absent.bin')
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toMatch(/^application\/json/)
    expect(missing.json().errors[0].code).toBe('file_not_found')
  })

  /** Posts over a real socket; the server may close while the body is still being written. */
  let listening: Promise<string> | undefined
  async function postOverSocket(url: string, type: string, body: Buffer) {
    const base = await (listening ??= t.server.listen())
    return new Promise<{ status: number; connection: string; text: string }>((resolve, reject) => {
      const headers = {
        [HEADERS.clientKey]: t.clientKey,
        'content-type': type,
        'content-length': body.length,
      }
      const req = request(new URL(url, base), { method: 'POST', headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, connection: String(res.headers.connection), text }),
        )
      })
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error)
      })
      req.end(body)
    })
  }

  it('answers an oversized upload on a real socket with 413 and closes the connection', async () => {
    const url = urlOf('bucket/upload-object', {
      fileName: 'socket.bin',
      options: { contentType: 'application/x-big' },
    })
    const body = Buffer.alloc(MAX_FILE + 512 * 1024, 3)
    const answer = await postOverSocket(url, 'application/octet-stream', body)
    expect(answer.status).toBe(413)
    expect(answer.connection).toBe('close')
    expect(JSON.parse(answer.text).errors[0].code).toBe('file_too_large')
    expect(await exists('root', 'socket.bin')).toBe(false)
  })

  it('answers a multipart upload to a missing bucket on a real socket without hanging', async () => {
    const url = urlOf('bucket/upload-formdata', {
      bucket: 'absent',
      fileName: 'a.bin',
      options: defaults,
    })
    const form = await multipart(fileForm(Buffer.alloc(2 * 1024 * 1024, 4), 'application/x-big'))
    const answer = await postOverSocket(url, form.type, form.payload)
    expect(answer.status).toBe(404)
    expect(JSON.parse(answer.text).errors[0].code).toBe('bucket_not_found')
  })

  it('works with the published altogic client from Node (the *-object routes)', async () => {
    const within = <T>(promise: Promise<T>): Promise<T> =>
      Promise.race([
        promise,
        new Promise<T>((_, reject) => setTimeout(() => reject(new Error('no answer')), 5000)),
      ])
    const client = createClient(await (listening ??= t.server.listen()), t.clientKey)
    const root = client.storage.bucket('root')
    // The client's .d.ts types `tags` as a string; it sends an array as given.
    const text = await within(
      root.upload('alt.txt', 'hello from altogic', { tags: ['x'] } as never),
    )
    expect(text.errors).toBeNull()
    expect(text.data).toMatchObject({ fileName: 'alt.txt', size: 18, tags: ['x'] })
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255])
    const buffer = await within(root.upload('alt.bin', bytes, { contentType: 'application/x-alt' }))
    expect(buffer.data).toMatchObject({ size: 6, mimeType: 'application/x-alt' })
    const typed = await within(root.upload('alt-typed.bin', new Uint8Array([9, 8, 7])))
    expect(typed.data).toMatchObject({ size: 3 })
    const replaced = await within(root.file('alt.txt').replace('replaced!', {}))
    expect(replaced.data).toMatchObject({ _id: text.data._id, fileName: 'alt.txt', size: 9 })
    const got = await within(root.file('alt.bin').download())
    expect(Buffer.from(await (got.data as Blob).arrayBuffer()).equals(bytes)).toBe(true)
    // node-fetch 2 sends a Blob's FormData as the text "[object FormData]": a JSON 400.
    const blob = await within(root.upload('blob.txt', new Blob(['x'])))
    expect(blob.errors?.status).toBe(400)
    expect(blob.errors?.items[0]?.code).toBe('invalid_upload')
  })

  it('needs the client key', async () => {
    const res = await t.server.app.inject({
      method: 'POST',
      url: urlOf('bucket/upload-object', { fileName: 'k.txt' }),
      payload: 'x',
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().errors[0].code).toBe('missing_client_key')
  })
})
