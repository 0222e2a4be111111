import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { registerErrorEnvelope } from '../src/api/plugins/error-envelope.js'
import { isNotModified, requestedRange } from '../src/api/routes/storage-public/http-conditions.js'
import { registerPublicFileRoutes } from '../src/api/routes/storage-public/public-file-routes.js'
import type { FileInfo } from '../src/core/storage/storage-types.js'
import { createImageTransformer } from '../src/core/storage/transform/image-transformer.js'
import type { ImageTransformer } from '../src/core/storage/transform/image-transformer.js'

describe('requestedRange and isNotModified', () => {
  const modified = new Date('2026-01-02T03:04:05.678Z')
  const range = (header: string | undefined, size = 100, more: Record<string, string> = {}) =>
    requestedRange({ range: header, ...more }, size, '"e1"', modified)

  it.each([
    ['bytes=0-9', { kind: 'partial', range: { start: 0, end: 9 } }],
    ['bytes=90-', { kind: 'partial', range: { start: 90, end: 99 } }],
    ['bytes=-10', { kind: 'partial', range: { start: 90, end: 99 } }],
    ['bytes=-500', { kind: 'partial', range: { start: 0, end: 99 } }],
    ['bytes=50-500', { kind: 'partial', range: { start: 50, end: 99 } }],
    ['BYTES = 1 - 2', { kind: 'partial', range: { start: 1, end: 2 } }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['bytes=9-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    [undefined, { kind: 'whole' }],
  ])('reads Range %s', (header, expected) => {
    expect(range(header)).toEqual(expected)
  })

  it('finds every range of an empty file unsatisfiable', () => {
    expect(range('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' })
    expect(range('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' })
  })

  it('honours If-Range only when it still matches', () => {
    const partial = { kind: 'partial', range: { start: 0, end: 0 } }
    expect(range('bytes=0-0', 100, { 'if-range': '"e1"' })).toEqual(partial)
    expect(range('bytes=0-0', 100, { 'if-range': modified.toUTCString() })).toEqual(partial)
    expect(range('bytes=0-0', 100, { 'if-range': '"old"' })).toEqual({ kind: 'whole' })
    expect(range('bytes=0-0', 100, { 'if-range': 'Thu, 01 Jan 2026 00:00:00 GMT' })).toEqual({
      kind: 'whole',
    })
  })

  it('compares validators', () => {
    const check = (headers: Record<string, string>) => isNotModified(headers, '"e1"', modified)
    expect(check({ 'if-none-match': '"e1"' })).toBe(true)
    expect(check({ 'if-none-match': '"x", W/"e1"' })).toBe(true)
    expect(check({ 'if-none-match': '*' })).toBe(true)
    expect(check({ 'if-none-match': '"x"' })).toBe(false)
    expect(check({ 'if-modified-since': modified.toUTCString() })).toBe(true)
    expect(check({ 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' })).toBe(false)
    expect(check({ 'if-modified-since': 'garbage' })).toBe(false)
    // If-None-Match wins over If-Modified-Since.
    expect(check({ 'if-none-match': '"x"', 'if-modified-since': modified.toUTCString() })).toBe(
      false,
    )
  })
})

describe('public file serving', () => {
  const target = pgTargets().at(-1)!
  let t: TestServer
  let dataDir: string
  let app: FastifyInstance
  let transforms = 0
  const text = 'Hello, public world!'
  let hello: FileInfo
  let secret: FileInfo
  let photo: FileInfo
  let page: FileInfo

  const upload = (fileName: string, bytes: Buffer | string, contentType: string, isPublic = true) =>
    t.server.storage.upload(
      { userId: null },
      {
        bucket: 'root',
        fileName,
        content: { body: Readable.from([Buffer.from(bytes)]), contentType, encoding: 'binary' },
        isPublic,
      },
    )

  const pathOf = (file: FileInfo) => new URL(file.publicPath).pathname
  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    app.inject({ method, url, headers })

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'basalt-public-'))
    t = await startTestServer(target, { dataDir })
    hello = await upload('hello.txt', text, 'text/plain')
    secret = await upload('secret.txt', 'private things', 'text/plain', false)
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#c33' },
    })
      .png()
      .toBuffer()
    photo = await upload('photo.png', png, 'image/png')
    page = await upload('page.html', '<script>alert(1)</script>', 'text/html')
    // A separate app: the route under test with a transformer that counts its work.
    const real = createImageTransformer()
    const counting: ImageTransformer = {
      transform: (...args) => {
        transforms++
        return real.transform(...args)
      },
    }
    app = Fastify()
    registerErrorEnvelope(app)
    const appSlug = pathOf(hello).split('/')[2]!
    registerPublicFileRoutes(app, t.server.storage, { appSlug, transformer: counting })
  })
  afterAll(async () => {
    await app?.close()
    await t?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('serves a public file with its validators and safety headers', async () => {
    const res = await get(pathOf(hello))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe(text)
    expect(res.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': String(text.length),
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=60',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'last-modified': new Date(hello.updatedAt).toUTCString(),
    })
    expect(res.headers.etag).toMatch(/^"[^"]+"$/)
    const html = await get(pathOf(page))
    expect(html.headers['content-security-policy']).toBe('sandbox')
  })

  it('answers private, unknown and misaddressed files alike: 404 file_not_found', async () => {
    const [, , slug, bucketId, fileId] = pathOf(secret).split('/')
    for (const url of [
      pathOf(secret),
      `/_storage/${slug}/${bucketId}/ffffffffffffffffffffffff`,
      `/_storage/not-${slug}/${bucketId}/${pathOf(hello).split('/')[4]}`,
      `/_storage/${slug}/${bucketId}/${fileId}x`,
    ]) {
      const res = await get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.json().errors[0].code).toBe('file_not_found')
      expect(res.body).not.toContain('private things')
    }
  })

  it('answers 304 to a matching If-None-Match or a current If-Modified-Since', async () => {
    const first = await get(pathOf(hello))
    const etag = first.headers.etag as string
    const byTag = await get(pathOf(hello), { 'if-none-match': etag })
    expect(byTag.statusCode).toBe(304)
    expect(byTag.body).toBe('')
    expect(byTag.headers.etag).toBe(etag)
    expect((await get(pathOf(hello), { 'if-none-match': '"other"' })).statusCode).toBe(200)
    const since = first.headers['last-modified'] as string
    expect((await get(pathOf(hello), { 'if-modified-since': since })).statusCode).toBe(304)
    const before = new Date(Date.parse(since) - 60_000).toUTCString()
    expect((await get(pathOf(hello), { 'if-modified-since': before })).statusCode).toBe(200)
  })

  it('serves single ranges with 206, and refuses unsatisfiable ones with 416', async () => {
    const cases: Array<[string, string, string]> = [
      ['bytes=0-4', 'Hello', `bytes 0-4/${text.length}`],
      ['bytes=7-', text.slice(7), `bytes 7-${text.length - 1}/${text.length}`],
      ['bytes=-6', 'world!', `bytes ${text.length - 6}-${text.length - 1}/${text.length}`],
    ]
    for (const [range, body, contentRange] of cases) {
      const res = await get(pathOf(hello), { range })
      expect(res.statusCode, range).toBe(206)
      expect(res.body).toBe(body)
      expect(res.headers['content-range']).toBe(contentRange)
      expect(res.headers['content-length']).toBe(String(body.length))
    }
    const beyond = await get(pathOf(hello), { range: 'bytes=500-600' })
    expect(beyond.statusCode).toBe(416)
    expect(beyond.headers['content-range']).toBe(`bytes */${text.length}`)
    expect(beyond.json().errors[0]).toMatchObject({
      code: 'range_not_satisfiable',
      details: { size: text.length },
    })
    const several = await get(pathOf(hello), { range: 'bytes=0-1,3-4' })
    expect([several.statusCode, several.body]).toEqual([200, text])
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get(pathOf(hello), {}, 'HEAD')
    expect(head.statusCode).toBe(200)
    expect(head.body).toBe('')
    expect(head.headers['content-length']).toBe(String(text.length))
    expect(head.headers['content-type']).toBe('text/plain')
    const ranged = await get(pathOf(hello), { range: 'bytes=0-4' }, 'HEAD')
    expect([ranged.statusCode, ranged.body, ranged.headers['content-length']]).toEqual([
      206,
      '',
      '5',
    ])
  })

  it('transforms images, once: later requests come from the variant cache', async () => {
    const before = transforms
    const url = `${pathOf(photo)}?width=160&format=webp`
    const first = await get(url)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.headers['content-type']).toBe('image/webp')
    expect(first.headers['content-length']).toBe(String(first.rawPayload.length))
    const meta = await sharp(first.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 160, 120])
    const again = await get(url, { range: 'bytes=0-9' })
    expect(again.statusCode).toBe(200)
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true)
    expect(transforms - before).toBe(1)
    const etag = first.headers.etag as string
    expect(etag).not.toBe((await get(pathOf(photo))).headers.etag)
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304)
    const head = await get(url, {}, 'HEAD')
    expect([head.statusCode, head.body, head.headers['content-length']]).toEqual([
      200,
      '',
      String(first.rawPayload.length),
    ])
    expect(transforms - before).toBe(1)
  })

  it('keeps the format and fits both sides when no format is named', async () => {
    const res = await get(`${pathOf(photo)}?width=100&height=100`)
    expect(res.headers['content-type']).toBe('image/png')
    const meta = await sharp(res.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 100, 75])
    const jpeg = await get(`${pathOf(photo)}?format=jpeg`)
    const full = await sharp(jpeg.rawPayload).metadata()
    expect([full.format, full.width, full.height]).toEqual(['jpeg', 640, 480])
  })

  it('refuses bad transform parameters and transforms of non-images: 400', async () => {
    for (const query of ['width=0', 'width=5000', 'height=x', 'format=gif', 'width=']) {
      const res = await get(`${pathOf(photo)}?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.json().errors[0].code).toBe('invalid_image_transform')
      expect(res.headers['cache-control'], 'errors are not cached as public').toBeUndefined()
    }
    const text = await get(`${pathOf(hello)}?width=10`)
    expect(text.statusCode).toBe(400)
    expect(text.json().errors[0].code).toBe('invalid_image_transform')
    expect(text.headers['cache-control']).toBeUndefined()
  })

  it('is served by the server itself, with no client key', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: pathOf(hello) })
    expect([res.statusCode, res.body]).toEqual([200, text])
    const hidden = await t.server.app.inject({ method: 'GET', url: pathOf(secret) })
    expect(hidden.statusCode).toBe(404)
    expect(hidden.json().errors[0].code).toBe('file_not_found')
  })

  it('gives replaced content a new ETag at the same URL', async () => {
    const file = await upload('changing.txt', 'one', 'text/plain')
    const old = (await get(pathOf(file))).headers.etag as string
    await t.server.storage.replace({
      bucket: 'root',
      file: file._id,
      content: {
        body: Readable.from([Buffer.from('two')]),
        contentType: 'text/plain',
        encoding: 'binary',
      },
    })
    const res = await get(pathOf(file), { 'if-none-match': old })
    expect([res.statusCode, res.body]).toEqual([200, 'two'])
    expect(res.headers.etag).not.toBe(old)
  })
})
