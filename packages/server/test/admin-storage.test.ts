import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_PREFIX } from '@basalt/protocol'
import { ROOT_BUCKET } from '../src/core/storage/storage-types.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminAnswer, AdminTestServer } from '../../../test-support/admin.js'

function expectError(answer: AdminAnswer, status: number, code: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors[0]).toMatchObject({ code })
}

// Buckets and files through the admin API: full rights, raw uploads, private content.
describe.each(pgTargets())('admin storage on $name PostgreSQL', (target) => {
  let a: AdminTestServer

  beforeAll(async () => {
    // JSON bodies stop at 16 KiB here; uploads may be four times that.
    a = await startAdminTestServer(target, {
      bodyLimitBytes: 16 * 1024,
      maxFileSizeBytes: 64 * 1024,
    })
  })
  beforeEach(async () => {
    const db = a.t.server.database.db
    await db.query('DELETE FROM basalt.storage_files')
    await db.query(`DELETE FROM basalt.storage_buckets WHERE "_id" <> $1`, [ROOT_BUCKET._id])
  })
  afterAll(() => a?.close())

  const upload = (bucket: string, query: string, body: string | Buffer, type = 'text/plain') =>
    a.call('POST', `/buckets/${bucket}/files?${query}`, body, { 'content-type': type })
  /** The raw bytes of a GET (the admin helper decodes bodies as text). */
  const content = (path: string) =>
    a.t.server.app.inject({
      url: `${ADMIN_PREFIX}${path}`,
      headers: { authorization: `Bearer ${a.token}` },
    })

  it('creates, lists with file counts and sizes, updates and deletes buckets', async () => {
    const created = await a.call('POST', '/buckets', { name: 'photos', isPublic: false })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'photos', isPublic: false, userId: null })
    const id = created.body._id as string
    expect((await upload(id, 'name=a.txt', 'hello')).status).toBe(201)
    expect((await upload('photos', 'name=b.txt', '123')).status).toBe(201)
    await a.call('POST', '/buckets', { name: 'empty', isPublic: true })

    const list = await a.call('GET', '/buckets')
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ page: 1, size: 50, total: 3 })
    expect(list.body.items.map((b: { name: string }) => b.name)).toEqual([
      'empty',
      'photos',
      'root',
    ])
    expect(list.body.items[1]).toMatchObject({ _id: id, fileCount: 2, totalSize: 8 })
    expect(list.body.items[0]).toMatchObject({ fileCount: 0, totalSize: 0 })
    const second = await a.call('GET', '/buckets?page=2&size=2')
    expect(second.body).toMatchObject({ page: 2, size: 2, total: 3 })
    expect(second.body.items.map((b: { name: string }) => b.name)).toEqual(['root'])

    const renamed = await a.call('PATCH', `/buckets/${id}`, { name: 'pictures', isPublic: true })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ _id: id, name: 'pictures', isPublic: true })
    expect((await a.call('DELETE', `/buckets/${id}`)).status).toBe(204)
    expect((await a.call('GET', '/buckets')).body.total).toBe(2)
    const files = await a.t.server.database.db.query('SELECT 1 FROM basalt.storage_files')
    expect(files).toHaveLength(0)
  })

  it('refuses bad bucket input with 4xx codes', async () => {
    const tooBig = { name: 'x'.repeat(20 * 1024), isPublic: true }
    expectError(await a.call('POST', '/buckets', tooBig), 413, 'payload_too_large')
    expectError(await a.call('GET', '/buckets?size=101'), 400, 'validation_error')
    expectError(await a.call('GET', '/buckets?page=0'), 400, 'validation_error')
    expectError(await a.call('POST', '/buckets', { name: 'x' }), 400, 'validation_error')
    expectError(
      await a.call('POST', '/buckets', { name: 'x', isPublic: true, extra: 1 }),
      400,
      'validation_error',
    )
    expectError(
      await a.call('POST', '/buckets', { name: 'a/b', isPublic: true }),
      400,
      'invalid_name',
    )
    await a.call('POST', '/buckets', { name: 'taken', isPublic: true })
    expectError(
      await a.call('POST', '/buckets', { name: 'taken', isPublic: true }),
      409,
      'bucket_already_exists',
    )
    expectError(
      await a.call('PATCH', '/buckets/root', { name: 'other' }),
      400,
      'root_bucket_protected',
    )
    expectError(
      await a.call('PATCH', '/buckets/nope', { isPublic: 'yes' }),
      400,
      'validation_error',
    )
    expectError(await a.call('PATCH', '/buckets/nope', { isPublic: true }), 404, 'bucket_not_found')
    expectError(await a.call('DELETE', `/buckets/${ROOT_BUCKET._id}`), 400, 'root_bucket_protected')
    expectError(await a.call('DELETE', '/buckets/nope'), 404, 'bucket_not_found')
  })

  it('uploads a raw body over the JSON body limit, with its type and privacy', async () => {
    // 40 KiB of JSON text, over the JSON body limit: stored as sent, streamed, never decoded.
    const json = JSON.stringify({ data: 'x'.repeat(40 * 1024) })
    const stored = await upload('root', 'name=data.json&isPublic=false', json, 'application/json')
    expect(stored.status).toBe(201)
    expect(stored.body).toMatchObject({
      fileName: 'data.json',
      size: Buffer.byteLength(json),
      mimeType: 'application/json',
      isPublic: false,
      userId: null,
    })
    const explicit = await upload('root', 'name=data.json&contentType=text/csv', 'a,b\n1,2\n')
    expect(explicit.body).toMatchObject({ fileName: 'data (1).json', mimeType: 'text/csv' })
    expect(explicit.body.isPublic).toBe(true) // root's default
    const untyped = await a.call('POST', '/buckets/root/files?name=blob', Buffer.from([1, 2, 3]))
    expect(untyped.status).toBe(201)
    expect(untyped.body).toMatchObject({ size: 3, mimeType: 'application/octet-stream' })
    const got = await content(`/files/${stored.body._id}/content`)
    expect(got.statusCode).toBe(200)
    expect(got.headers['content-type']).toBe('application/json')
    expect(got.headers['cache-control']).toBe('private, no-store')
    expect(got.body).toBe(json)
  })

  it('refuses bad uploads and stores nothing', async () => {
    expectError(await upload('root', 'isPublic=true', 'x'), 400, 'validation_error')
    expectError(await upload('root', 'name=a.txt&isPublic=maybe', 'x'), 400, 'validation_error')
    expectError(await upload('nope', 'name=a.txt', 'x'), 404, 'bucket_not_found')
    expectError(await upload('root', 'name=a%2Fb', 'x'), 400, 'invalid_name')
    const big = Buffer.alloc(64 * 1024 + 1, 1)
    expectError(
      await upload('root', 'name=big.bin', big, 'application/octet-stream'),
      413,
      'file_too_large',
    )
    expect(await a.t.server.database.db.query('SELECT 1 FROM basalt.storage_files')).toHaveLength(0)
  })

  it('lists a bucket’s files by name with a search, renames, makes private and deletes', async () => {
    for (const name of ['Report-2024.pdf', 'report_final.txt', 'notes.txt', '100%.txt']) {
      await upload('root', `name=${encodeURIComponent(name)}`, 'x')
    }
    const all = await a.call('GET', '/buckets/root/files')
    expect(all.body.total).toBe(4)
    expect(all.body.items.map((f: { fileName: string }) => f.fileName)).toEqual([
      '100%.txt',
      'Report-2024.pdf',
      'notes.txt',
      'report_final.txt',
    ])
    const found = await a.call('GET', '/buckets/root/files?search=REPORT')
    expect(found.body.items.map((f: { fileName: string }) => f.fileName)).toEqual([
      'Report-2024.pdf',
      'report_final.txt',
    ])
    // `%` and `_` are literal characters of the search, not LIKE wildcards.
    const percent = await a.call('GET', `/buckets/root/files?search=${encodeURIComponent('%')}`)
    expect(percent.body.items.map((f: { fileName: string }) => f.fileName)).toEqual(['100%.txt'])
    expect((await a.call('GET', '/buckets/root/files?search=t_f')).body.total).toBe(1)
    const paged = await a.call('GET', '/buckets/root/files?size=1&page=3')
    expect(paged.body).toMatchObject({ page: 3, size: 1, total: 4 })
    expect(paged.body.items[0].fileName).toBe('notes.txt')
    expectError(await a.call('GET', '/buckets/nope/files'), 404, 'bucket_not_found')

    const notes = paged.body.items[0]
    const patched = await a.call('PATCH', `/files/${notes._id}`, {
      fileName: 'todo.txt',
      isPublic: false,
    })
    expect(patched.body).toMatchObject({ _id: notes._id, fileName: 'todo.txt', isPublic: false })
    expectError(
      await a.call('PATCH', `/files/${notes._id}`, { fileName: '100%.txt' }),
      409,
      'file_already_exists',
    )
    expectError(await a.call('PATCH', `/files/${notes._id}`, { size: 1 }), 400, 'validation_error')
    expectError(await a.call('PATCH', '/files/0123456789abcdef01234567', {}), 404, 'file_not_found')
    expect((await a.call('DELETE', `/files/${notes._id}`)).status).toBe(204)
    expectError(await a.call('DELETE', `/files/${notes._id}`), 404, 'file_not_found')
    expect((await a.call('GET', '/buckets/root/files')).body.total).toBe(3)
  })

  it('serves a private file’s bytes and image transforms of it', async () => {
    const png = await sharp({
      create: { width: 400, height: 200, channels: 3, background: '#3366cc' },
    })
      .png()
      .toBuffer()
    const image = await upload('root', 'name=pic.png&isPublic=false', png, 'image/png')
    expect(image.body).toMatchObject({ isPublic: false, mimeType: 'image/png' })
    const id = image.body._id as string
    // The public path does not serve it: the admin route does.
    const publicPath = new URL(image.body.publicPath).pathname
    expect((await a.t.server.app.inject({ url: publicPath })).statusCode).toBe(404)
    const original = await content(`/files/${id}/content`)
    expect(original.statusCode).toBe(200)
    expect(original.headers['content-type']).toBe('image/png')
    expect(original.rawPayload.equals(png)).toBe(true)
    const small = await content(`/files/${id}/content?width=100&format=webp`)
    expect(small.statusCode).toBe(200)
    expect(small.headers['content-type']).toBe('image/webp')
    const meta = await sharp(small.rawPayload).metadata()
    expect(meta).toMatchObject({ format: 'webp', width: 100, height: 50 })
    expectError(await a.call('GET', `/files/${id}/content?width=0`), 400, 'invalid_image_transform')
    const text = await upload('root', 'name=a.txt', 'hello')
    expectError(
      await a.call('GET', `/files/${text.body._id}/content?width=10`),
      400,
      'invalid_image_transform',
    )
    expectError(await a.call('GET', '/files/nope/content'), 404, 'file_not_found')
  })

  it('answers 401 without the admin token, even with a client key', async () => {
    const answer = await a.call('GET', '/buckets', undefined, {
      authorization: '',
      'x-client-key': a.t.clientKey,
    })
    expectError(answer, 401, 'admin_session_required')
    const upload = await a.call('POST', '/buckets/root/files?name=x.txt', 'x', {
      authorization: '',
      'content-type': 'text/plain',
    })
    expectError(upload, 401, 'admin_session_required')
    expect(await a.t.server.database.db.query('SELECT 1 FROM basalt.storage_files')).toHaveLength(0)
  })
})
