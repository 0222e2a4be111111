/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of many shapes */
import { Readable } from 'node:stream'
import { createClient } from 'altogic'
import type { AltogicClient } from 'altogic'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { REST_PREFIX } from '@basalt/protocol'
import { createKey } from '../src/core/keys/create-key.js'
import { ROOT_BUCKET } from '../src/core/storage/storage-types.js'
import type { FileInfo } from '../src/core/storage/storage-types.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

type Obj = Record<string, any>

describe.each(pgTargets())('storage JSON routes on $name PostgreSQL', (target) => {
  let t: TestServer
  let session: { userId: string; token: string }

  /** POSTs a JSON body (GETs without one) to a storage route, as the published client does. */
  async function call(
    path: string,
    body?: unknown,
    options: { token?: string; key?: string } = {},
  ): Promise<{ status: number; body: any; raw: string }> {
    const response = await t.server.app.inject({
      method: body === undefined ? 'GET' : 'POST',
      url: `${REST_PREFIX}/storage/${path}`,
      headers: {
        'x-client-key': options.key ?? t.clientKey,
        ...(options.token ? { session: options.token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
    const raw = response.body
    return { status: response.statusCode, body: raw ? JSON.parse(raw) : undefined, raw }
  }

  function expectError(answer: { status: number; body: any }, status: number, code: string) {
    expect(answer.status).toBe(status)
    expect(answer.body.errors[0]).toMatchObject({ code })
  }

  const upload = (bucket: string, fileName: string, text = 'hello', tags?: string[]) =>
    t.server.storage.upload(
      { userId: null },
      {
        bucket,
        fileName,
        content: {
          body: Readable.from([Buffer.from(text)]),
          contentType: 'text/plain',
          encoding: 'binary',
        },
        tags,
      },
    )

  beforeAll(async () => {
    t = await startTestServer(target)
    const response = await t.server.app.inject({
      method: 'POST',
      url: `${REST_PREFIX}/auth/signup-email`,
      headers: { 'x-client-key': t.clientKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'ada@example.test', password: 'correct horse 1' }),
    })
    const body = response.json()
    session = { userId: body.user._id, token: body.session.token }
  })
  beforeEach(async () => {
    await t.server.database.db.query('DELETE FROM basalt.storage_files')
    await t.server.database.db.query(`DELETE FROM basalt.storage_buckets WHERE "_id" <> $1`, [
      ROOT_BUCKET._id,
    ])
  })
  afterAll(async () => {
    await t?.close()
  })

  describe('storage manager', () => {
    it('creates a bucket owned by the session user, and refuses a taken name', async () => {
      const created = await call(
        'create-bucket',
        { name: 'photos', isPublic: false, tags: ['a'] },
        { token: session.token },
      )
      expect(created.status).toBe(200)
      expect(Object.keys(created.body)).toEqual([
        '_id',
        'name',
        'isPublic',
        'userId',
        'tags',
        'createdAt',
        'updatedAt',
      ])
      expect(created.body).toMatchObject({
        name: 'photos',
        isPublic: false,
        userId: session.userId,
        tags: ['a'],
      })
      expectError(
        await call('create-bucket', { name: 'photos', isPublic: true, tags: [] }),
        409,
        'bucket_already_exists',
      )
      expectError(
        await call('create-bucket', { name: 'root', isPublic: true, tags: [] }),
        400,
        'root_bucket_protected',
      )
      expectError(
        await call('create-bucket', { name: 'a/b', isPublic: true, tags: [] }),
        400,
        'invalid_name',
      )
      expectError(
        await call('create-bucket', { name: 5, isPublic: true, tags: [] }),
        400,
        'validation_error',
      )
      const anonymous = await call('create-bucket', { name: 'open', isPublic: true, tags: [] })
      expect(anonymous.body.userId).toBeNull()
    })

    it('lists buckets with the argument shapes the client sends', async () => {
      await call('create-bucket', { name: 'b1', isPublic: true, tags: ['x'] })
      await call('create-bucket', { name: 'b2', isPublic: false, tags: [] })
      const all = await call('list-buckets', { expression: null, options: null })
      expect(all.body.map((b: any) => b.name)).toEqual(['root', 'b1', 'b2'])
      const filtered = await call('list-buckets', { expression: "IN(tags, 'x')", options: null })
      expect(filtered.body.map((b: any) => b.name)).toEqual(['b1'])
      const counted = await call('list-buckets', {
        expression: null,
        options: { limit: 2, sort: { field: 'name', direction: 'asc' }, returnCountInfo: true },
      })
      expect(counted.body.info).toEqual({ count: 3, totalPages: 2, currentPage: 1, pageSize: 2 })
      expect(counted.body.data.map((b: any) => b.name)).toEqual(['b1', 'b2'])
      expectError(
        await call('list-buckets', {
          expression: null,
          options: { sort: [{ field: 'name', direction: 'asc' }] },
        }),
        400,
        'validation_error',
      )
      expectError(
        await call('list-buckets', {
          expression: null,
          options: { sort: { field: 'size', direction: 'asc' } },
        }),
        400,
        'validation_error',
      )
      expectError(
        await call('list-buckets', { expression: 'name ==', options: null }),
        400,
        'expression_syntax_error',
      )
    })

    it('answers stats, searches files and deletes a file by URL', async () => {
      const file = await upload('root', 'a.txt', 'abcd', ['x'])
      await upload('root', 'b.txt', 'ab')
      const stats = await call('stats')
      expect(stats.body).toEqual({
        objectsCount: 2,
        totalStorageSize: 6,
        averageObjectSize: 3,
        minObjectSize: 2,
        maxObjectSize: 4,
        bucketsCount: 1,
      })
      const found = await call('search-files', { expression: "IN(tags, 'x')", options: null })
      expect(found.body).toEqual([file])
      expect(found.body[0].publicPath).toMatch(
        new RegExp(`^https?://[^/]+/_storage/default/${ROOT_BUCKET._id}/${file._id}$`),
      )
      const deleted = await call('delete-file', { fileUrl: file.publicPath })
      expect(deleted.status).toBe(200)
      expect((await call('search-files', { expression: null, options: null })).body).toHaveLength(1)
      expectError(await call('delete-file', { fileUrl: file.publicPath }), 404, 'file_not_found')
    })
  })

  describe('bucket manager', () => {
    it('answers exists as a JSON boolean and gets a bucket with stats', async () => {
      await call('create-bucket', { name: 'b', isPublic: true, tags: [] })
      const yes = await call('bucket/exists', { bucket: 'b' })
      expect(yes.raw).toBe('true')
      expect((await call('bucket/exists', { bucket: 'nope' })).raw).toBe('false')
      await upload('b', 'a', 'abc')
      const info = await call('bucket/get', { detailed: true, bucket: 'b' })
      expect(info.body.stats).toEqual({
        objectsCount: 1,
        totalStorageSize: 3,
        averageObjectSize: 3,
        minObjectSize: 3,
        maxObjectSize: 3,
      })
      const plain = await call('bucket/get', { detailed: false, bucket: info.body._id })
      expect(plain.body.stats).toBeUndefined()
      expectError(
        await call('bucket/get', { detailed: false, bucket: 'nope' }),
        404,
        'bucket_not_found',
      )
      expectError(await call('bucket/get', { detailed: false }), 400, 'validation_error')
    })

    it('renames, empties and deletes buckets, protecting root', async () => {
      await call('create-bucket', { name: 'b', isPublic: true, tags: [] })
      await upload('b', 'a')
      const renamed = await call('bucket/rename', { newName: 'c', bucket: 'b' })
      expect(renamed.body.name).toBe('c')
      expectError(
        await call('bucket/rename', { newName: 'x', bucket: 'root' }),
        400,
        'root_bucket_protected',
      )
      expect((await call('bucket/empty', { bucket: 'c' })).status).toBe(200)
      expect(
        (await call('bucket/list-files', { expression: null, options: null, bucket: 'c' })).body,
      ).toEqual([])
      expect((await call('bucket/empty', { bucket: 'root' })).status).toBe(200)
      expect((await call('bucket/delete', { bucket: 'c' })).status).toBe(200)
      expect((await call('bucket/exists', { bucket: 'c' })).body).toBe(false)
      expectError(await call('bucket/delete', { bucket: 'root' }), 400, 'root_bucket_protected')
      expectError(await call('bucket/delete', { bucket: 'c' }), 404, 'bucket_not_found')
    })

    it('makes buckets public or private, with their files on request', async () => {
      await call('create-bucket', { name: 'b', isPublic: true, tags: [] })
      await upload('b', 'a')
      const closed = await call('bucket/make-private', { includeFiles: false, bucket: 'b' })
      expect(closed.body.isPublic).toBe(false)
      expect((await call('bucket/file/get', { file: 'a', bucket: 'b' })).body.isPublic).toBe(true)
      await call('bucket/make-private', { includeFiles: true, bucket: 'b' })
      expect((await call('bucket/file/get', { file: 'a', bucket: 'b' })).body.isPublic).toBe(false)
      const open = await call('bucket/make-public', { includeFiles: true, bucket: 'b' })
      expect(open.body.isPublic).toBe(true)
      expect((await call('bucket/file/get', { file: 'a', bucket: 'b' })).body.isPublic).toBe(true)
    })

    it('lists and deletes files, and changes tags and info', async () => {
      await call('create-bucket', { name: 'b', isPublic: true, tags: [] })
      const a = await upload('b', 'a.txt', 'x'.repeat(10))
      await upload('b', 'b.txt', 'x'.repeat(100))
      await upload('b', 'c.txt')
      const big = await call('bucket/list-files', {
        expression: 'size > 50',
        options: null,
        bucket: 'b',
      })
      expect(big.body.map((f: FileInfo) => f.fileName)).toEqual(['b.txt'])
      const sorted = await call('bucket/list-files', {
        expression: null,
        options: {
          sort: { field: 'size', direction: 'desc' },
          returnCountInfo: true,
          page: 1,
          limit: 2,
        },
        bucket: 'b',
      })
      expect(sorted.body.info).toEqual({ count: 3, totalPages: 2, currentPage: 1, pageSize: 2 })
      expect(sorted.body.data.map((f: FileInfo) => f.fileName)).toEqual(['b.txt', 'a.txt'])
      await call('bucket/delete-files', {
        fileNamesOrIds: [a._id, 'c.txt', 'missing'],
        bucket: 'b',
      })
      const left = await call('bucket/list-files', { expression: null, options: null, bucket: 'b' })
      expect(left.body.map((f: FileInfo) => f.fileName)).toEqual(['b.txt'])

      expect((await call('bucket/add-tags', { tags: 'one', bucket: 'b' })).body.tags).toEqual([
        'one',
      ])
      expect(
        (await call('bucket/add-tags', { tags: ['two', 'one'], bucket: 'b' })).body.tags,
      ).toEqual(['one', 'two'])
      expect((await call('bucket/remove-tags', { tags: 'one', bucket: 'b' })).body.tags).toEqual([
        'two',
      ])
      const updated = await call('bucket/update', {
        newName: 'd',
        isPublic: false,
        tags: 'three',
        includeFiles: true,
        bucket: 'b',
      })
      expect(updated.body).toMatchObject({ name: 'd', isPublic: false, tags: ['three'] })
      expect((await call('bucket/file/get', { file: 'b.txt', bucket: 'd' })).body.isPublic).toBe(
        false,
      )
      expectError(
        await call('bucket/update', {
          newName: 'root',
          isPublic: true,
          tags: [],
          includeFiles: false,
          bucket: 'd',
        }),
        400,
        'root_bucket_protected',
      )
    })
  })

  describe('file manager', () => {
    it('answers exists, gets a file, and changes privacy', async () => {
      const file = await upload('root', 'a.txt')
      expect((await call('bucket/file/exists', { file: 'a.txt', bucket: 'root' })).raw).toBe('true')
      expect((await call('bucket/file/exists', { file: 'z.txt', bucket: 'root' })).raw).toBe(
        'false',
      )
      const got = await call('bucket/file/get', { file: file._id, bucket: 'root' })
      expect(got.body).toEqual(file)
      expect(Object.keys(got.body)).toEqual([
        '_id',
        'bucketId',
        'fileName',
        'size',
        'encoding',
        'mimeType',
        'isPublic',
        'publicPath',
        'userId',
        'tags',
        'uploadedAt',
        'updatedAt',
      ])
      expect(
        (await call('bucket/file/make-private', { file: 'a.txt', bucket: 'root' })).body.isPublic,
      ).toBe(false)
      expect(
        (await call('bucket/file/make-public', { file: 'a.txt', bucket: 'root' })).body.isPublic,
      ).toBe(true)
      expectError(
        await call('bucket/file/get', { file: 'z.txt', bucket: 'root' }),
        404,
        'file_not_found',
      )
      expectError(
        await call('bucket/file/get', { file: 'a.txt', bucket: 'nope' }),
        404,
        'bucket_not_found',
      )
    })

    it('renames, duplicates, moves, copies and deletes', async () => {
      await call('create-bucket', { name: 'other', isPublic: true, tags: [] })
      const file = await upload('root', 'a.txt')
      await upload('root', 'b.txt')
      expectError(
        await call('bucket/file/rename', { newName: 'b.txt', file: 'a.txt', bucket: 'root' }),
        409,
        'file_already_exists',
      )
      expect(
        (await call('bucket/file/rename', { newName: 'c.txt', file: 'a.txt', bucket: 'root' })).body
          .fileName,
      ).toBe('c.txt')
      // The client leaves duplicateName out when it is not given.
      const dup = await call(
        'bucket/file/duplicate',
        { file: 'c.txt', bucket: 'root' },
        { token: session.token },
      )
      expect(dup.body).toMatchObject({ fileName: 'c (1).txt', userId: session.userId })
      const named = await call('bucket/file/duplicate', {
        duplicateName: 'd.txt',
        file: 'c.txt',
        bucket: 'root',
      })
      expect(named.body.fileName).toBe('d.txt')
      const moved = await call('bucket/file/move', {
        bucketNameOrId: 'other',
        file: 'c.txt',
        bucket: 'root',
      })
      expect(moved.body).toMatchObject({ _id: file._id, fileName: 'c.txt' })
      const copied = await call('bucket/file/copy', {
        bucketNameOrId: 'root',
        file: 'c.txt',
        bucket: 'other',
      })
      expect(copied.body.fileName).toBe('c.txt')
      expect(copied.body._id).not.toBe(file._id)
      expect((await call('bucket/file/delete', { file: 'c.txt', bucket: 'other' })).status).toBe(
        200,
      )
      expectError(
        await call('bucket/file/delete', { file: 'c.txt', bucket: 'other' }),
        404,
        'file_not_found',
      )
      expectError(
        await call('bucket/file/move', { bucketNameOrId: 'nope', file: 'b.txt', bucket: 'root' }),
        404,
        'bucket_not_found',
      )
    })

    it('changes tags and info', async () => {
      await upload('root', 'a.txt')
      expect(
        (await call('bucket/file/add-tags', { tags: 'x', file: 'a.txt', bucket: 'root' })).body
          .tags,
      ).toEqual(['x'])
      expect(
        (await call('bucket/file/add-tags', { tags: ['y'], file: 'a.txt', bucket: 'root' })).body
          .tags,
      ).toEqual(['x', 'y'])
      expect(
        (await call('bucket/file/remove-tags', { tags: ['x'], file: 'a.txt', bucket: 'root' })).body
          .tags,
      ).toEqual(['y'])
      const updated = await call('bucket/file/update', {
        newName: 'b.txt',
        isPublic: false,
        tags: 'z',
        file: 'a.txt',
        bucket: 'root',
      })
      expect(updated.body).toMatchObject({ fileName: 'b.txt', isPublic: false, tags: ['z'] })
      expectError(
        await call('bucket/file/update', {
          newName: 'x/y',
          isPublic: null,
          tags: null,
          file: 'b.txt',
          bucket: 'root',
        }),
        400,
        'invalid_name',
      )
      expectError(
        await call('bucket/file/add-tags', { tags: 5, file: 'b.txt', bucket: 'root' }),
        400,
        'validation_error',
      )
    })
  })

  it('refuses a client key without the storage module', async () => {
    const key = await createKey(t.server.database.db, {
      type: 'client',
      name: 'no storage',
      modules: ['auth', 'db'],
    })
    const answer = await call('bucket/exists', { bucket: 'root' }, { key: key.secret })
    expectError(answer, 403, 'module_not_allowed')
    expect(answer.body.errors[0].details).toMatchObject({ module: 'storage' })
  })
})

// The published altogic@2.3.9 client, unmodified, runs the JSON storage methods against a
// listening server (uploads go through the service: Node's client cannot send FormData).
describe.each(pgTargets())('published altogic client: storage on $name PostgreSQL', (target) => {
  let t: TestServer
  let client: AltogicClient

  beforeAll(async () => {
    t = await startTestServer(target)
    client = createClient(await t.server.listen(), t.clientKey)
  })
  afterAll(() => t?.close())

  it('manages buckets', async () => {
    const created = await client.storage.createBucket('pub', false, ['a'])
    expect(created.errors).toBeNull()
    expect(created.data).toMatchObject({ name: 'pub', isPublic: false, tags: ['a'] })
    expect((await client.storage.bucket('pub').exists()).data).toBe(true)
    expect((await client.storage.bucket('nope').exists()).data).toBe(false)
    const listed = await client.storage.listBuckets({ limit: 1, returnCountInfo: true } as never)
    expect(listed.data).toMatchObject({ info: { count: 2, totalPages: 2, pageSize: 1 } })
    const bucket = client.storage.bucket('pub')
    expect(((await bucket.addTags('b')).data as Obj).tags).toEqual(['a', 'b'])
    expect(((await bucket.makePublic(false)).data as Obj).isPublic).toBe(true)
    expect(((await bucket.getInfo(true)).data as Obj).stats.objectsCount).toBe(0)
    expect((await bucket.rename('pub2')).errors).toBeNull()
    expect((await client.storage.bucket('pub2').delete()).errors).toBeNull()
    const refused = await client.storage.root.delete()
    expect(refused.errors?.items[0]).toMatchObject({ code: 'root_bucket_protected' })
    expect(((await client.storage.getStats()).data as Obj).bucketsCount).toBe(1)
  })

  it('manages files', async () => {
    const uploaded = await t.server.storage.upload(
      { userId: null },
      {
        bucket: 'root',
        fileName: 'a.txt',
        content: { body: Readable.from([Buffer.from('hi')]), contentType: '', encoding: 'binary' },
      },
    )
    await client.storage.createBucket('other')
    const file = client.storage.root.file('a.txt')
    expect((await file.exists()).data).toBe(true)
    expect((await file.getInfo()).data).toMatchObject({ _id: uploaded._id, size: 2 })
    expect(((await file.duplicate()).data as Obj).fileName).toBe('a (1).txt')
    expect(((await file.addTags(['x'])).data as Obj).tags).toEqual(['x'])
    expect(((await file.copyTo('other')).data as Obj).fileName).toBe('a.txt')
    expect(((await file.moveTo('other')).data as Obj).fileName).toBe('a (1).txt')
    const files = await client.storage.searchFiles("IN(tags, 'x')")
    expect((files.data as Obj[]).map((f) => f.fileName).sort()).toEqual(['a (1).txt', 'a.txt'])
    const moved = await client.storage.bucket('other').file('a (1).txt').getInfo()
    expect((await client.storage.deleteFile((moved.data as Obj).publicPath)).errors).toBeNull()
    const listed = await client.storage.bucket('other').listFiles()
    expect((listed.data as Obj[]).map((f) => f.fileName)).toEqual(['a.txt'])
    const missing = await client.storage.root.file('a.txt').getInfo()
    expect(missing.errors?.items[0]).toMatchObject({ code: 'file_not_found' })
  })
})
