import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../src/adapters/database/database.js'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import { DiskBlobStore } from '../src/adapters/storage/disk/disk-blob-store.js'
import { createStorageService } from '../src/core/storage/create-storage-service.js'
import type { StorageService } from '../src/core/storage/storage-service.js'
import type { BucketInfo, FileInfo, UploadContent } from '../src/core/storage/storage-types.js'
import { ROOT_BUCKET } from '../src/core/storage/storage-types.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { isObjectId } from '../src/tools/ids.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { MemoryBlobStore } from '../../../test-support/memory-blob-store.js'

const BASE = 'http://files.test'
const USER = { userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }
const ANON = { userId: null }
// The first bytes of a PNG image: enough for its signature.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')

function content(bytes: string | Buffer, contentType = 'text/plain;charset=UTF-8'): UploadContent {
  return { body: Readable.from([Buffer.from(bytes)]), contentType, encoding: 'binary' }
}

/** A body that sends some bytes, then fails (a client that went away). */
function failingContent(): UploadContent {
  let reads = 0
  const body = new Readable({
    read() {
      reads += 1
      if (reads === 1) this.push(Buffer.from('partial'))
      else this.destroy(new Error('client went away'))
    },
  })
  return { body, contentType: 'text/plain', encoding: 'binary' }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code })
}

describe.each(pgTargets())('storage service on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  let db: Database
  let blobs: MemoryBlobStore
  let storage: StorageService

  const garbage = () =>
    db.query<{ key: string; reason: string }>('SELECT key, reason FROM basalt.storage_garbage')
  const fileCount = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM basalt.storage_files'))[0]!.n)
  const read = async (bucket: string, file: string) =>
    text((await storage.openFile(bucket, file)).content.body)
  const upload = (bucket: string, fileName: string, bytes: string | Buffer = 'hello') =>
    storage.upload(USER, { bucket, fileName, content: content(bytes) })

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = new PostgresDatabase({ connectionString: testDb.url })
    await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  })
  beforeEach(async () => {
    await db.query('DELETE FROM basalt.storage_files')
    await db.query(`DELETE FROM basalt.storage_buckets WHERE "_id" <> $1`, [ROOT_BUCKET._id])
    await db.query('DELETE FROM basalt.storage_garbage')
    await db.query(`UPDATE basalt.storage_buckets SET "isPublic" = true, tags = '{}'`)
    blobs = new MemoryBlobStore()
    storage = createStorageService(db, blobs, {
      maxFileSizeBytes: 1000,
      publicUrl: () => BASE,
      appSlug: 'demo',
    })
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  describe('buckets', () => {
    it('creates a bucket with the caller as owner and finds it by name and id', async () => {
      const bucket = await storage.createBucket(USER, 'photos', false, ['a', 'b', 'a'])
      expect(isObjectId(bucket._id)).toBe(true)
      expect(bucket).toMatchObject({
        name: 'photos',
        isPublic: false,
        userId: USER.userId,
        tags: ['a', 'b'],
      })
      expect(new Date(bucket.createdAt).toISOString()).toBe(bucket.createdAt)
      expect(await storage.getBucket(bucket._id, false)).toEqual(bucket)
      expect(await storage.getBucket('photos', false)).toEqual(bucket)
      expect(await storage.bucketExists('photos')).toBe(true)
      expect(await storage.bucketExists('nope')).toBe(false)
      await expectCode(storage.getBucket('nope', false), 'bucket_not_found')
    })

    it('refuses taken, reserved and malformed names', async () => {
      await storage.createBucket(ANON, 'taken', true, [])
      await expectCode(storage.createBucket(ANON, 'taken', true, []), 'bucket_already_exists')
      await expectCode(storage.createBucket(ANON, 'root', true, []), 'root_bucket_protected')
      for (const name of ['', '.', '..', 'a/b', 'a\\b', 'a\u0000b', 'a\nb', 'x'.repeat(256)]) {
        await expectCode(storage.createBucket(ANON, name, true, []), 'invalid_name')
      }
      expect((await storage.createBucket(ANON, 'x'.repeat(255), true, [])).name).toHaveLength(255)
    })

    it('protects root from rename and delete, but empties it and makes it private', async () => {
      await upload('root', 'a.txt')
      await expectCode(storage.renameBucket('root', 'other'), 'root_bucket_protected')
      await expectCode(storage.deleteBucket(ROOT_BUCKET._id), 'root_bucket_protected')
      await expectCode(
        storage.updateBucket('root', { newName: 'x', isPublic: null }),
        'root_bucket_protected',
      )
      expect((await storage.setBucketPublic('root', false, false)).isPublic).toBe(false)
      await storage.emptyBucket('root')
      expect(await fileCount()).toBe(0)
      expect(blobs.objects.size).toBe(0)
      expect(await garbage()).toEqual([])
    })

    it('renames, refusing a taken name and root', async () => {
      await storage.createBucket(ANON, 'one', true, [])
      await storage.createBucket(ANON, 'two', true, [])
      await expectCode(storage.renameBucket('one', 'two'), 'bucket_already_exists')
      await expectCode(storage.renameBucket('one', 'root'), 'root_bucket_protected')
      const renamed = await storage.renameBucket('one', 'three')
      expect(renamed.name).toBe('three')
      expect(await storage.bucketExists('one')).toBe(false)
    })

    it('sets privacy with or without the files, and updates tags', async () => {
      const bucket = await storage.createBucket(ANON, 'b', true, ['keep'])
      const file = await upload('b', 'a.txt')
      expect(file.isPublic).toBe(true)
      await storage.setBucketPublic('b', false, false)
      expect((await storage.getFile('b', 'a.txt')).isPublic).toBe(true)
      await storage.setBucketPublic('b', false, true)
      expect((await storage.getFile('b', 'a.txt')).isPublic).toBe(false)
      expect((await storage.addBucketTags('b', ['x', 'keep', 'y'])).tags).toEqual([
        'keep',
        'x',
        'y',
      ])
      expect((await storage.removeBucketTags(bucket._id, ['keep'])).tags).toEqual(['x', 'y'])
      const updated = await storage.updateBucket('b', {
        newName: 'c',
        isPublic: true,
        tags: ['t'],
        includeFiles: true,
      })
      expect(updated).toMatchObject({ _id: bucket._id, name: 'c', isPublic: true, tags: ['t'] })
      expect((await storage.getFile('c', 'a.txt')).isPublic).toBe(true)
      // Absent parts stay as they are.
      const same = await storage.updateBucket('c', { newName: null, isPublic: null, tags: null })
      expect(same).toMatchObject({ name: 'c', isPublic: true, tags: ['t'] })
    })

    it('answers stats per bucket and overall', async () => {
      await storage.createBucket(ANON, 'b', true, [])
      expect((await storage.getBucket('b', true)).stats).toEqual({
        objectsCount: 0,
        totalStorageSize: 0,
        averageObjectSize: 0,
        minObjectSize: 0,
        maxObjectSize: 0,
      })
      await upload('b', 'a', 'ab')
      await upload('b', 'b', 'abcd')
      await upload('root', 'c', 'abcdef')
      expect((await storage.getBucket('b', true)).stats).toEqual({
        objectsCount: 2,
        totalStorageSize: 6,
        averageObjectSize: 3,
        minObjectSize: 2,
        maxObjectSize: 4,
      })
      expect((await storage.getBucket('b', false)).stats).toBeUndefined()
      expect(await storage.getStats()).toEqual({
        objectsCount: 3,
        totalStorageSize: 12,
        averageObjectSize: 4,
        minObjectSize: 2,
        maxObjectSize: 6,
        bucketsCount: 2,
      })
    })

    it('deletes a bucket with its files and their contents', async () => {
      await storage.createBucket(ANON, 'b', true, [])
      await upload('b', 'a')
      await upload('b', 'b')
      await upload('root', 'kept')
      await storage.deleteBucket('b')
      expect(await storage.bucketExists('b')).toBe(false)
      expect(await fileCount()).toBe(1)
      expect(blobs.objects.size).toBe(1)
      expect(await garbage()).toEqual([])
    })
  })

  describe('uploads', () => {
    it('stores a file and answers its metadata, content and ETag', async () => {
      const file = await upload('root', 'a.txt', 'hello world')
      expect(file).toMatchObject({
        bucketId: ROOT_BUCKET._id,
        fileName: 'a.txt',
        size: 11,
        encoding: 'binary',
        mimeType: 'text/plain;charset=UTF-8',
        isPublic: true,
        userId: USER.userId,
        tags: [],
        publicPath: `${BASE}/_storage/demo/${ROOT_BUCKET._id}/${file._id}`,
      })
      expect(await storage.getFile('root', file._id)).toEqual(file)
      expect(await storage.getFile(ROOT_BUCKET._id, 'a.txt')).toEqual(file)
      expect(await storage.fileExists('root', 'a.txt')).toBe(true)
      expect(await storage.fileExists('root', 'b.txt')).toBe(false)
      expect(await storage.fileExists('nope', 'a.txt')).toBe(false)
      const open = await storage.openFile('root', 'a.txt', { start: 6, end: 10 })
      expect(open.etag).toMatch(/^"[0-9a-f]+"$/)
      expect(open.content.size).toBe(11)
      expect(await text(open.content.body)).toBe('world')
      expect(await garbage()).toEqual([])
      await expectCode(storage.getFile('root', 'b.txt'), 'file_not_found')
      await expectCode(storage.getFile('nope', 'a.txt'), 'bucket_not_found')
    })

    it('stores an empty file', async () => {
      const empty = await upload('root', 'empty.txt', '')
      expect(empty).toMatchObject({ size: 0, mimeType: 'text/plain;charset=UTF-8' })
      expect(await read('root', 'empty.txt')).toBe('')
    })

    it('takes privacy from the bucket unless given, and records tags', async () => {
      await storage.createBucket(ANON, 'private', false, [])
      const a = await upload('private', 'a')
      expect(a.isPublic).toBe(false)
      const b = await storage.upload(ANON, {
        bucket: 'private',
        fileName: 'b',
        content: content('x'),
        isPublic: true,
        tags: ['t', 't', 'u'],
      })
      expect(b).toMatchObject({ isPublic: true, tags: ['t', 'u'], userId: null })
    })

    it('needs an existing bucket unless asked to create it', async () => {
      await expectCode(upload('new', 'a'), 'bucket_not_found')
      expect(blobs.objects.size).toBe(0)
      const file = await storage.upload(USER, {
        bucket: 'new',
        fileName: 'a',
        content: content('x'),
        createBucket: true,
      })
      const bucket = await storage.getBucket('new', false)
      expect(bucket).toMatchObject({ isPublic: true, userId: USER.userId, tags: [] })
      expect(file.bucketId).toBe(bucket._id)
    })

    it('gives a taken name a number before the extension', async () => {
      const names = []
      for (const name of [
        'photo.jpg',
        'photo.jpg',
        'photo.jpg',
        'archive.tar.gz',
        'archive.tar.gz',
        'README',
        'README',
        '.env',
        '.env',
      ]) {
        names.push((await upload('root', name)).fileName)
      }
      expect(names).toEqual([
        'photo.jpg',
        'photo (1).jpg',
        'photo (2).jpg',
        'archive.tar.gz',
        'archive.tar (1).gz',
        'README',
        'README (1)',
        '.env',
        '.env (1)',
      ])
    })

    it('gives concurrent uploads of one name distinct names', async () => {
      const files = await Promise.all(Array.from({ length: 8 }, () => upload('root', 'same.txt')))
      const names = new Set(files.map((file) => file.fileName))
      expect(names.size).toBe(8)
      expect(names.has('same.txt')).toBe(true)
      expect(names.has('same (7).txt')).toBe(true)
      expect(await garbage()).toEqual([])
    })

    it('refuses bad file names', async () => {
      for (const name of ['', '..', 'a/b', 'a\u0007']) {
        await expectCode(upload('root', name), 'invalid_name')
      }
      expect(await garbage()).toEqual([])
    })

    it('stops past the size limit: nothing stored, no garbage left', async () => {
      await expect(upload('root', 'big', 'x'.repeat(1001))).rejects.toMatchObject({
        code: 'file_too_large',
        details: { maxFileSizeBytes: 1000 },
      })
      expect(await fileCount()).toBe(0)
      expect(blobs.objects.size).toBe(0)
      expect(await garbage()).toEqual([])
      expect((await upload('root', 'fits', 'x'.repeat(1000))).size).toBe(1000)
    })

    it('records the sniffed type of a vague one, and refuses a contradicted media type', async () => {
      const sniffed = await upload('root', 'image', PNG)
      expect(sniffed.mimeType).toBe('image/png')
      const octets = await storage.upload(ANON, {
        bucket: 'root',
        fileName: 'raw',
        content: content(PNG, 'application/octet-stream'),
      })
      expect(octets.mimeType).toBe('image/png')
      await expectCode(
        storage.upload(ANON, {
          bucket: 'root',
          fileName: 'fake.jpg',
          content: content(PNG, 'image/jpeg'),
        }),
        'content_type_mismatch',
      )
      expect(await fileCount()).toBe(2)
      expect(blobs.objects.size).toBe(2)
      expect(await garbage()).toEqual([])
      // No signature: the declared type stands.
      const declared = await storage.upload(ANON, {
        bucket: 'root',
        fileName: 'page.html',
        content: content('<p>hi</p>', 'text/html'),
      })
      expect(declared.mimeType).toBe('text/html')
      const png = await storage.upload(ANON, {
        bucket: 'root',
        fileName: 'real.png',
        content: content(PNG, 'image/png'),
      })
      expect(png.mimeType).toBe('image/png')
    })

    it('keeps a garbage row and no file when the store fails, and sweeps it later', async () => {
      blobs.failWith = new Error('disk full')
      await expectCode(upload('root', 'a'), 'storage_unavailable')
      expect(await fileCount()).toBe(0)
      const rows = await garbage()
      expect(rows).toHaveLength(1)
      expect(rows[0]!.reason).toBe('upload')
      blobs.failWith = undefined
      // An upload younger than the grace period may still be running: not swept.
      expect(await storage.sweepGarbage()).toBe(0)
      blobs.objects.set(rows[0]!.key, Buffer.from('left over'))
      await db.query(`UPDATE basalt.storage_garbage SET since = now() - interval '7 hours'`)
      expect(await storage.sweepGarbage()).toBe(1)
      expect(blobs.objects.size).toBe(0)
      expect(await garbage()).toEqual([])
    })

    it('stores nothing when the body fails', async () => {
      await expect(
        storage.upload(ANON, { bucket: 'root', fileName: 'a', content: failingContent() }),
      ).rejects.toThrow('client went away')
      expect(await fileCount()).toBe(0)
      expect(blobs.objects.size).toBe(0)
    })
  })

  describe('replace', () => {
    it('swaps the content, keeping name and id, with a new ETag', async () => {
      const before = await upload('root', 'a.txt', 'old')
      const oldEtag = (await storage.openFile('root', 'a.txt')).etag
      const after = await storage.replace({
        bucket: 'root',
        file: before._id,
        content: content('newer', 'text/plain'),
        tags: ['v2'],
      })
      expect(after).toMatchObject({
        _id: before._id,
        fileName: 'a.txt',
        size: 5,
        mimeType: 'text/plain',
        tags: ['v2'],
        isPublic: true,
      })
      const open = await storage.openFile('root', 'a.txt')
      expect(open.etag).not.toBe(oldEtag)
      expect(await text(open.content.body)).toBe('newer')
      expect(blobs.objects.size).toBe(1)
      expect(await garbage()).toEqual([])
    })

    it('leaves the old content when the new one is too large', async () => {
      await upload('root', 'a.txt', 'old')
      await expectCode(
        storage.replace({ bucket: 'root', file: 'a.txt', content: content('x'.repeat(2000)) }),
        'file_too_large',
      )
      expect(await read('root', 'a.txt')).toBe('old')
      expect(await garbage()).toEqual([])
      await expectCode(
        storage.replace({ bucket: 'root', file: 'b.txt', content: content('x') }),
        'file_not_found',
      )
    })
  })

  describe('file operations', () => {
    it('renames, refusing a taken or bad name', async () => {
      await upload('root', 'a.txt')
      await upload('root', 'b.txt')
      await expectCode(storage.renameFile('root', 'a.txt', 'b.txt'), 'file_already_exists')
      await expectCode(storage.renameFile('root', 'a.txt', 'x/y'), 'invalid_name')
      expect((await storage.renameFile('root', 'a.txt', 'c.txt')).fileName).toBe('c.txt')
      expect(await read('root', 'c.txt')).toBe('hello')
    })

    it('updates privacy and tags', async () => {
      const file = await upload('root', 'a.txt')
      expect((await storage.setFilePublic('root', 'a.txt', false)).isPublic).toBe(false)
      expect((await storage.addFileTags('root', file._id, ['x', 'y', 'x'])).tags).toEqual([
        'x',
        'y',
      ])
      expect((await storage.removeFileTags('root', 'a.txt', ['x'])).tags).toEqual(['y'])
      const updated = await storage.updateFile('root', 'a.txt', {
        newName: 'b.txt',
        isPublic: true,
        tags: ['z'],
      })
      expect(updated).toMatchObject({
        _id: file._id,
        fileName: 'b.txt',
        isPublic: true,
        tags: ['z'],
      })
    })

    it('moves a file keeping its id, under a free name, with a new public path', async () => {
      const target = await storage.createBucket(ANON, 'target', true, [])
      await storage.upload(ANON, { bucket: 'target', fileName: 'a.txt', content: content('there') })
      const file = await upload('root', 'a.txt')
      const moved = await storage.moveFile('root', 'a.txt', 'target')
      expect(moved).toMatchObject({
        _id: file._id,
        bucketId: target._id,
        fileName: 'a (1).txt',
        publicPath: `${BASE}/_storage/demo/${target._id}/${file._id}`,
      })
      expect(await storage.fileExists('root', 'a.txt')).toBe(false)
      expect(await read('target', file._id)).toBe('hello')
      expect(await storage.findPublicFile(target._id, file._id)).toBeDefined()
      expect(await storage.findPublicFile(ROOT_BUCKET._id, file._id)).toBeUndefined()
      await expectCode(storage.moveFile('target', 'a.txt', 'nope'), 'bucket_not_found')
    })

    it('copies and duplicates with new ids and contents of their own', async () => {
      await storage.createBucket(ANON, 'other', true, [])
      const file = await storage.upload(ANON, {
        bucket: 'root',
        fileName: 'a.txt',
        content: content('data'),
        tags: ['t'],
      })
      const copy = await storage.copyFile(USER, 'root', 'a.txt', 'other')
      expect(copy).toMatchObject({ fileName: 'a.txt', userId: USER.userId, tags: ['t'], size: 4 })
      expect(copy._id).not.toBe(file._id)
      const dup = await storage.duplicateFile(USER, 'root', 'a.txt')
      expect(dup.fileName).toBe('a (1).txt')
      const named = await storage.duplicateFile(ANON, 'root', 'a.txt', 'b.txt')
      expect(named.fileName).toBe('b.txt')
      await storage.deleteFile('root', 'a.txt')
      expect(await read('other', 'a.txt')).toBe('data')
      expect(await read('root', 'a (1).txt')).toBe('data')
      expect(blobs.objects.size).toBe(3)
      expect(await garbage()).toEqual([])
    })

    it('deletes files by names or ids, skipping unknown ones', async () => {
      const a = await upload('root', 'a')
      await upload('root', 'b')
      await upload('root', 'c')
      await storage.deleteFiles('root', [a._id, 'b', 'missing'])
      expect(await fileCount()).toBe(1)
      expect(blobs.objects.size).toBe(1)
      await expectCode(storage.deleteFile('root', 'a'), 'file_not_found')
    })

    it('deletes a file by its public URL or path', async () => {
      const a = await upload('root', 'a')
      const b = await upload('root', 'b')
      await storage.deleteFileByUrl(a.publicPath)
      await storage.deleteFileByUrl(new URL(b.publicPath).pathname)
      expect(await fileCount()).toBe(0)
      expect(blobs.objects.size).toBe(0)
      await expectCode(storage.deleteFileByUrl(a.publicPath), 'file_not_found')
      await expectCode(storage.deleteFileByUrl('not a url'), 'file_not_found')
    })

    it('caches variants under the content, deleted with it', async () => {
      await upload('root', 'a')
      const file = (await storage.findPublicFile(
        ROOT_BUCKET._id,
        (await storage.getFile('root', 'a'))._id,
      ))!
      let made = 0
      const make = async () => {
        made += 1
        return Buffer.from('small')
      }
      expect(await text((await storage.cachedVariant(file, 'w=10', make)).body)).toBe('small')
      expect(await text((await storage.cachedVariant(file, 'w=10', make)).body)).toBe('small')
      expect(made).toBe(1)
      expect(await text((await storage.readContent(file.contentKey)).body)).toBe('hello')
      await storage.deleteFile('root', 'a')
      expect(blobs.objects.size).toBe(0)
    })
  })

  describe('lists', () => {
    let files: FileInfo[]

    beforeEach(async () => {
      await storage.createBucket(USER, 'docs', false, ['work'])
      await storage.createBucket(ANON, 'pics', true, ['home', 'work'])
      files = [
        await storage.upload(ANON, {
          bucket: 'docs',
          fileName: 'a.txt',
          content: content('a'.repeat(10)),
          tags: ['x'],
        }),
        await storage.upload(ANON, {
          bucket: 'docs',
          fileName: 'b.txt',
          content: content('b'.repeat(500)),
        }),
        await storage.upload(ANON, {
          bucket: 'pics',
          fileName: 'c.png',
          content: content(PNG),
          tags: ['x'],
        }),
      ]
    })

    it('filters buckets with expressions', async () => {
      const names = async (expression: string | null) =>
        ((await storage.listBuckets(expression, {})) as readonly BucketInfo[]).map((b) => b.name)
      expect(await names(null)).toEqual(['root', 'docs', 'pics'])
      expect(await names("IN(tags, 'home')")).toEqual(['pics'])
      expect(await names('isPublic == false')).toEqual(['docs'])
      expect(await names(`userId == '${USER.userId}'`)).toEqual(['docs'])
      const sorted = await storage.listBuckets(null, { sort: { field: 'name', direction: 'desc' } })
      expect((sorted as readonly BucketInfo[]).map((b) => b.name)).toEqual(['root', 'pics', 'docs'])
    })

    it('filters, sorts and pages files of a bucket and of every bucket', async () => {
      const names = (list: unknown) => (list as FileInfo[]).map((f) => f.fileName)
      expect(names(await storage.listFiles('docs', null, {}))).toEqual(['a.txt', 'b.txt'])
      expect(names(await storage.listFiles('docs', 'size > 100', {}))).toEqual(['b.txt'])
      expect(names(await storage.searchFiles("IN(tags, 'x')", {}))).toEqual(['a.txt', 'c.png'])
      expect(names(await storage.searchFiles("fileName == 'c.png'", {}))).toEqual(['c.png'])
      expect(names(await storage.searchFiles("mimeType == 'image/png'", {}))).toEqual(['c.png'])
      expect(names(await storage.searchFiles("uploadedAt < '2000-01-01'", {}))).toEqual([])
      expect(names(await storage.listFiles('docs', "updatedAt > '2000-01-01'", {}))).toEqual([
        'a.txt',
        'b.txt',
      ])
      expect(names(await storage.searchFiles("STARTSWITH(fileName, 'a')", {}))).toEqual(['a.txt'])
      expect(
        names(await storage.searchFiles(null, { sort: { field: 'size', direction: 'desc' } })),
      ).toEqual(['b.txt', 'c.png', 'a.txt'])
      expect(names(await storage.searchFiles(`bucketId == '${files[2]!.bucketId}'`, {}))).toEqual([
        'c.png',
      ])
      const page = await storage.searchFiles(null, {
        page: 2,
        limit: 2,
        returnCountInfo: true,
        sort: { field: 'fileName', direction: 'asc' },
      })
      expect(page).toEqual({
        info: { count: 3, totalPages: 2, currentPage: 2, pageSize: 2 },
        data: [files[2]],
      })
      const past = await storage.searchFiles(null, { page: 5, limit: 2, returnCountInfo: true })
      expect(past).toEqual({
        info: { count: 3, totalPages: 2, currentPage: 5, pageSize: 2 },
        data: [],
      })
    })

    it('refuses bad expressions, sort fields and pages', async () => {
      await expectCode(storage.searchFiles('size >', {}), 'expression_syntax_error')
      await expectCode(storage.searchFiles('nope == 1', {}), 'unknown_field')
      await expectCode(storage.listBuckets('fileName == 1', {}), 'unknown_field')
      await expectCode(
        storage.searchFiles(null, { sort: { field: 'content_key', direction: 'asc' } }),
        'validation_error',
      )
      await expectCode(
        storage.listBuckets(null, { sort: { field: 'size', direction: 'asc' } }),
        'validation_error',
      )
      await expectCode(storage.searchFiles(null, { limit: 1001 }), 'invalid_query')
      await expectCode(storage.listFiles('nope', null, {}), 'bucket_not_found')
    })
  })

  describe('on the disk blob store', () => {
    let dir: string
    let disk: DiskBlobStore

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'basalt-storage-'))
    })
    afterAll(async () => {
      await disk?.close()
      await rm(dir, { recursive: true, force: true })
    })

    it('uploads, replaces, reads and deletes', async () => {
      disk = new DiskBlobStore(dir)
      const onDisk = createStorageService(db, disk, {
        maxFileSizeBytes: 1000,
        publicUrl: () => BASE,
        appSlug: 'demo',
      })
      const file = await onDisk.upload(ANON, {
        bucket: 'root',
        fileName: 'a',
        content: content('one'),
      })
      await onDisk.replace({ bucket: 'root', file: file._id, content: content('two') })
      expect(await text((await onDisk.openFile('root', 'a')).content.body)).toBe('two')
      await expectCode(
        onDisk.upload(ANON, { bucket: 'root', fileName: 'b', content: content('x'.repeat(5000)) }),
        'file_too_large',
      )
      await onDisk.deleteFile('root', 'a')
      expect(await garbage()).toEqual([])
      expect(await onDisk.sweepGarbage()).toBe(0)
    })
  })
})
