import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { StorageManager } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer, Reply } from './capture-server.js'

// Basalt's client and the published altogic@2.3.9 client make the same storage calls against
// the same scripted server: the requests (method, URL with its query string, content type, raw
// body, so JSON key order too) and the results must be identical. Deliberate differences are
// asserted at the end: `*-object` uploads carry raw bytes typed `options.contentType` (the
// published client JSON-encodes them as application/json), and Blob/FormData uploads from Node
// are real multipart (the published client sends the text "[object FormData]").

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

type Call = (storage: StorageManager) => Promise<unknown>

const OPTIONS = { page: 2, limit: 5, sort: { field: 'name', direction: 'desc' } } as const
const FILE_OPTIONS = { page: 1, limit: 3, sort: { field: 'size', direction: 'asc' } } as const
const COUNTED = { returnCountInfo: true }
const NONE = undefined as unknown as string
const UPLOAD_OPTIONS = { isPublic: true, tags: ['t'], createBucket: true, onProgress: () => {} }

const CALLS: [string, Call][] = [
  ['createBucket with defaults', (s) => s.createBucket('b1')],
  ['createBucket', (s) => s.createBucket('b1', false, ['x', 'y'])],
  ['listBuckets without arguments', (s) => s.listBuckets()],
  ['listBuckets with an expression', (s) => s.listBuckets('isPublic == true')],
  ['listBuckets with both', (s) => s.listBuckets('IN(tags, "x")', OPTIONS)],
  ['listBuckets with options first', (s) => s.listBuckets(COUNTED)],
  ['listBuckets with options first and second', (s) => s.listBuckets(OPTIONS, COUNTED)],
  ['listBuckets with an empty expression', (s) => s.listBuckets('', OPTIONS)],
  ['getStats', (s) => s.getStats()],
  ['createBucket without a name (no local check, as published)', (s) => s.createBucket(NONE)],
  ['a bucket without a name', (s) => s.bucket(NONE).getInfo()],
  ['a file without a name', (s) => s.bucket('b1').file(NONE).rename(NONE)],
  ['searchFiles', (s) => s.searchFiles('size > 10', FILE_OPTIONS)],
  ['searchFiles without options', (s) => s.searchFiles('size > 10')],
  ['deleteFile', (s) => s.deleteFile('http://h/_storage/e/b/f')],
  ['bucket exists', (s) => s.bucket('b1').exists()],
  ['bucket getInfo', (s) => s.bucket('b1').getInfo()],
  ['bucket getInfo detailed', (s) => s.bucket('b1').getInfo(true)],
  ['bucket empty', (s) => s.root.empty()],
  ['bucket rename', (s) => s.bucket('b1').rename('b2')],
  ['bucket delete', (s) => s.bucket('b1').delete()],
  ['bucket makePublic', (s) => s.bucket('b1').makePublic()],
  ['bucket makePublic with files', (s) => s.bucket('b1').makePublic(true)],
  ['bucket makePrivate', (s) => s.bucket('b1').makePrivate()],
  ['bucket makePrivate with files', (s) => s.bucket('b1').makePrivate(true)],
  ['bucket listFiles', (s) => s.bucket('b1').listFiles()],
  ['bucket listFiles with both', (s) => s.bucket('b1').listFiles('size > 1', FILE_OPTIONS)],
  ['bucket listFiles with options first', (s) => s.bucket('b1').listFiles(COUNTED)],
  ['bucket deleteFiles', (s) => s.bucket('b1').deleteFiles(['a.txt', 'f1'])],
  ['bucket addTags with a string', (s) => s.bucket('b1').addTags('x')],
  ['bucket removeTags', (s) => s.bucket('b1').removeTags(['x', 'y'])],
  ['bucket updateInfo', (s) => s.bucket('b1').updateInfo('b2', false, ['t'])],
  ['bucket updateInfo with files', (s) => s.bucket('b1').updateInfo('b2', true, 't', true)],
  ['file exists', (s) => s.bucket('b1').file('a.txt').exists()],
  ['file getInfo', (s) => s.bucket('b1').file('a.txt').getInfo()],
  ['file makePublic', (s) => s.bucket('b1').file('a.txt').makePublic()],
  ['file makePrivate', (s) => s.bucket('b1').file('a.txt').makePrivate()],
  ['file rename', (s) => s.bucket('b1').file('a.txt').rename('b.txt')],
  ['file duplicate', (s) => s.bucket('b1').file('a.txt').duplicate()],
  ['file duplicate with a name', (s) => s.bucket('b1').file('a.txt').duplicate('c.txt')],
  ['file delete', (s) => s.bucket('b1').file('a.txt').delete()],
  ['file moveTo', (s) => s.bucket('b1').file('a.txt').moveTo('b2')],
  ['file copyTo', (s) => s.root.file('f1').copyTo('b2')],
  ['file addTags', (s) => s.bucket('b1').file('a.txt').addTags(['x'])],
  ['file removeTags with a string', (s) => s.bucket('b1').file('a.txt').removeTags('x')],
  ['file updateInfo', (s) => s.bucket('b1').file('a.txt').updateInfo('n.txt', true, ['t'])],
  [
    'upload of a string typed as JSON',
    (s) => s.bucket('b1').upload('a.json', '{"a":1}', { contentType: 'application/json' }),
  ],
  [
    'upload of an object typed as JSON',
    (s) => s.root.upload('a.json', { a: [1, 'x'] }, { contentType: 'application/json' }),
  ],
  [
    'replace with a string typed as JSON',
    (s) =>
      s
        .bucket('b1')
        .file('a.json')
        .replace('"q"', { contentType: 'application/json', ...COUNTED }),
  ],
]

/** Runs `call` on a fresh client and returns its result and the requests it made. */
async function run(published: boolean, call: Call, reply: Reply) {
  const client = published
    ? createPublishedClient(server.url, 'ck')
    : createClient(server.url, 'ck')
  const before = server.requests.length
  server.reply(reply)
  const result = await call(client.storage as unknown as StorageManager)
  const requests = server.requests.slice(before).map((r) => ({
    method: r.method,
    url: r.url,
    contentType: r.headers['content-type'],
    body: r.body,
  }))
  return { result, requests }
}

describe.each([
  ['a success answer', json(200, { _id: 'x', info: { count: 1 }, data: [] })],
  ['JSON false', json(200, false)],
  ['an empty answer', { status: 200, body: '' } as Reply],
  ['an error answer', json(404, { errors: [{ origin: 'client_error', code: 'c', message: 'm' }] })],
])('storage parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(CALLS)('%s', async (_name, call) => {
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(published.requests).toHaveLength(1)
    expect(basalt).toEqual(published)
  })
})

describe('storage parity without a request', () => {
  it('answers root exists locally in both clients', async () => {
    const before = server.requests.length
    const published = await createPublishedClient(server.url, 'ck').storage.root.exists()
    const basalt = await createClient(server.url, 'ck').storage.bucket('root').exists()
    expect(basalt).toEqual(published)
    expect(basalt).toEqual({ data: true, errors: null })
    expect(server.requests.length).toBe(before)
  })
})

describe('storage download parity', () => {
  it('resolves the same bytes and type as a Blob', async () => {
    const reply: Reply = {
      status: 200,
      headers: { 'content-type': 'image/png' },
      body: 'PNG\u0001',
    }
    const call: Call = (s) => s.bucket('b1').file('a.png').download()
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(basalt.requests).toEqual(published.requests)
    const [p, b] = [published.result, basalt.result] as { data: Blob; errors: null }[]
    expect(b.data.type).toBe(p.data.type)
    expect(await b.data.text()).toBe(await p.data.text())
    expect(b.errors).toBe(p.errors)
  })
})

describe('deliberate differences from altogic@2.3.9 in uploads', () => {
  const file = json(200, { _id: 'f1' })
  const upload = (body: unknown, options?: object): Call => {
    return (s) => s.bucket('b1').upload('f.txt', body as string, options)
  }
  const replace = (body: unknown, options?: object): Call => {
    return (s) =>
      s
        .bucket('b1')
        .file('f.txt')
        .replace(body as string, options)
  }

  it.each([
    ['upload', upload, 'upload-object'],
    ['replace', replace, 'file/replace-object'],
  ])(
    '%s of text: same route and query, raw text instead of a JSON string',
    async (_n, make, route) => {
      const call = make('hello wörld', { ...UPLOAD_OPTIONS })
      const published = await run(true, call, file)
      const basalt = await run(false, call, file)
      expect(basalt.result).toEqual(published.result)
      const [p, b] = [published.requests[0]!, basalt.requests[0]!]
      expect(b.method).toBe(p.method)
      expect(b.url).toBe(p.url)
      expect(b.url).toContain(`/_api/rest/v1/storage/bucket/${route}?`)
      expect(p).toMatchObject({ contentType: 'application/json', body: '"hello wörld"' })
      expect(b).toMatchObject({ contentType: 'text/plain;charset=UTF-8', body: 'hello wörld' })
    },
  )

  it('upload of a Buffer: raw bytes with the content type instead of a Buffer object', async () => {
    const call = upload(Buffer.from('hi'), { contentType: 'text/csv' })
    const published = await run(true, call, file)
    const basalt = await run(false, call, file)
    expect(basalt.requests[0]!.url).toBe(published.requests[0]!.url)
    expect(published.requests[0]).toMatchObject({
      contentType: 'application/json',
      body: '{"type":"Buffer","data":[104,105]}',
    })
    expect(basalt.requests[0]).toMatchObject({ contentType: 'text/csv', body: 'hi' })
  })

  it('upload of an ArrayBuffer: its content instead of {}', async () => {
    const call = upload(new TextEncoder().encode('abc').buffer)
    const published = await run(true, call, file)
    const basalt = await run(false, call, file)
    expect(published.requests[0]!.body).toBe('{}')
    expect(basalt.requests[0]!.body).toBe('abc')
  })

  it('upload of a Blob from Node: multipart instead of "[object FormData]"', async () => {
    const call = upload(new Blob(['blob-bytes'], { type: 'text/plain' }))
    const published = await run(true, call, file)
    const basalt = await run(false, call, file)
    expect(basalt.requests[0]!.url).toBe(published.requests[0]!.url)
    expect(basalt.requests[0]!.url).toMatch(/\/storage\/bucket\/upload-formdata\?bucket=b1&/)
    expect(published.requests[0]!.body).toBe('[object FormData]')
    expect(basalt.requests[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(basalt.requests[0]!.body).toMatch(
      /name="file"; filename="blob"\r\nContent-Type: text\/plain/,
    )
    expect(basalt.requests[0]!.body).toContain('\r\n\r\nblob-bytes\r\n')
  })
})
