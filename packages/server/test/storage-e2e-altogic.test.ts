/* eslint-disable @typescript-eslint/no-explicit-any -- the published client's data is untyped */
import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startS3rver } from '../../../test-support/s3rver.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// Every storage method of the published altogic@2.3.9 client, unmodified, against a listening
// server: on local disk for each PostgreSQL target, and on S3 (s3rver on loopback).
const within = <T>(promise: Promise<T>, ms = 10_000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ])

interface Setup {
  name: string
  target: ReturnType<typeof pgTargets>[number]
  s3: boolean
}

const setups: Setup[] = [
  ...pgTargets().map((target) => ({ name: `disk, ${target.name}`, target, s3: false })),
  { name: 's3rver', target: pgTargets()[0]!, s3: true },
]

/** The error code of a `{errors}` answer. */
const codeOf = (result: { errors: any }) => result.errors?.items?.[0]?.code

/** The bytes 0..255, twice: every byte value, as binary content. */
const BINARY = Buffer.from([...Array(512).keys()].map((i) => i % 256))

describe.each(setups)('storage through the altogic client ($name)', (setup) => {
  let t: TestServer
  let client: ReturnType<typeof createClient>
  let closeS3: (() => Promise<void>) | undefined

  beforeAll(async () => {
    let s3
    if (setup.s3) {
      const started = await startS3rver()
      closeS3 = started.close
      s3 = started.config
    }
    t = await startTestServer(setup.target, s3 ? { s3 } : {})
    client = createClient(await t.server.listen(), t.clientKey)
  })
  afterAll(async () => {
    await t?.close()
    await closeS3?.()
  })

  it('creates, finds and describes buckets', async () => {
    const storage = client.storage
    expect(await storage.root.exists()).toEqual({ data: true, errors: null })
    const created: any = await within(storage.createBucket('photos', false, ['albums']))
    expect(created.errors).toBeNull()
    expect(created.data).toMatchObject({ name: 'photos', isPublic: false, tags: ['albums'] })
    expect(created.data._id).toMatch(/^[0-9a-f]{24}$/)
    expect(codeOf(await within(storage.createBucket('photos')))).toBe('bucket_already_exists')
    expect(codeOf(await within(storage.createBucket('root')))).toBe('root_bucket_protected')
    expect((await within(storage.bucket('photos').exists())).data).toBe(true)
    expect((await within(storage.bucket(created.data._id).exists())).data).toBe(true)
    expect((await within(storage.bucket('nope').exists())).data).toBe(false)
    const info: any = await within(storage.bucket('photos').getInfo())
    expect(info.data).toMatchObject({ _id: created.data._id, name: 'photos' })
    expect(codeOf(await within(storage.bucket('nope').getInfo()))).toBe('bucket_not_found')
  })

  it('uploads strings and Buffers, downloads them byte for byte', async () => {
    const photos = client.storage.bucket('photos')
    const text: any = await within(
      photos.upload('a.txt', 'hello world', { isPublic: true, tags: ['x'] } as any),
    )
    expect(text.errors).toBeNull()
    expect(text.data).toMatchObject({
      fileName: 'a.txt',
      size: 11,
      isPublic: true,
      tags: ['x'],
      mimeType: expect.stringMatching(/^text\/plain/),
    })
    expect(text.data.publicPath).toMatch(/^http:\/\/.+\/_storage\//)
    const binary: any = await within(
      photos.upload('bin.dat', BINARY, { contentType: 'application/octet-stream' }),
    )
    expect(binary.data).toMatchObject({ fileName: 'bin.dat', size: 512, isPublic: false })
    const again: any = await within(photos.upload('a.txt', 'second'))
    expect(again.data.fileName).toBe('a (1).txt')

    const download: any = await within(photos.file('a.txt').download())
    expect(download.errors).toBeNull()
    expect(await download.data.text()).toBe('hello world')
    const bytes: any = await within(photos.file(binary.data._id).download())
    expect(Buffer.from(await bytes.data.arrayBuffer()).equals(BINARY)).toBe(true)
    expect(codeOf(await within(photos.file('missing.txt').download()))).toBe('file_not_found')
  })

  it('answers a Node FormData upload (sent as [object FormData]) with a JSON 400', async () => {
    const result: any = await within(
      client.storage.bucket('photos').upload('blob.bin', new Blob([BINARY])),
    )
    expect(result.errors.status).toBe(400)
    expect(codeOf(result)).toBe('invalid_upload')
  })

  it('uploads into a bucket it creates, and refuses a missing one otherwise', async () => {
    const storage = client.storage
    expect(codeOf(await within(storage.bucket('later').upload('f.txt', 'x')))).toBe(
      'bucket_not_found',
    )
    const made: any = await within(
      storage.bucket('later').upload('f.txt', 'x', { createBucket: true } as any),
    )
    expect(made.errors).toBeNull()
    expect((await within(storage.bucket('later').exists())).data).toBe(true)
    const root: any = await within(storage.root.upload('at-root.txt', 'root file'))
    const rootInfo: any = await within(storage.root.getInfo())
    expect(root.data.bucketId).toBe(rootInfo.data._id)
  })

  it('changes files: privacy, name, tags, content, copies and moves', async () => {
    const photos = client.storage.bucket('photos')
    const file = photos.file('a.txt')
    expect((await within(file.exists())).data).toBe(true)
    const original: any = await within(file.getInfo())
    expect(((await within(file.makePrivate())) as any).data.isPublic).toBe(false)
    expect(((await within(file.makePublic())) as any).data.isPublic).toBe(true)
    const renamed: any = await within(file.rename('b.txt'))
    expect(renamed.data).toMatchObject({ _id: original.data._id, fileName: 'b.txt' })
    expect(codeOf(await within(photos.file('b.txt').rename('a (1).txt')))).toBe(
      'file_already_exists',
    )
    const b = photos.file('b.txt')
    expect(((await within(b.addTags('y'))) as any).data.tags).toEqual(['x', 'y'])
    expect(((await within(b.removeTags(['x']))) as any).data.tags).toEqual(['y'])
    const updated: any = await within(b.updateInfo('c.txt', false, ['z']))
    expect(updated.data).toMatchObject({ fileName: 'c.txt', isPublic: false, tags: ['z'] })
    const replaced: any = await within(photos.file('c.txt').replace('new content'))
    expect(replaced.data).toMatchObject({ _id: original.data._id, fileName: 'c.txt', size: 11 })
    const content: any = await within(photos.file('c.txt').download())
    expect(await content.data.text()).toBe('new content')

    const duplicate: any = await within(photos.file('c.txt').duplicate())
    expect(duplicate.data.fileName).toBe('c (1).txt')
    expect(duplicate.data._id).not.toBe(original.data._id)
    const named: any = await within(photos.file('c.txt').duplicate('d.txt'))
    expect(named.data.fileName).toBe('d.txt')
    const copied: any = await within(photos.file('d.txt').copyTo('later'))
    expect(copied.data.bucketId).not.toBe(named.data.bucketId)
    const moved: any = await within(photos.file('c (1).txt').moveTo('later'))
    expect(moved.data).toMatchObject({ _id: duplicate.data._id, fileName: 'c (1).txt' })
    expect((await within(photos.file('c (1).txt').exists())).data).toBe(false)
    const movedContent: any = await within(
      client.storage.bucket('later').file('c (1).txt').download(),
    )
    expect(await movedContent.data.text()).toBe('new content')
  })

  it('lists and searches with expressions, sort, paging and count info', async () => {
    const photos = client.storage.bucket('photos')
    await within(photos.upload('tagged-1.txt', '1', { tags: ['keep'] } as any))
    await within(photos.upload('tagged-2.txt', '22', { tags: ['keep'] } as any))
    const listed: any = await within(
      photos.listFiles("IN(tags, 'keep')", {
        sort: { field: 'fileName', direction: 'desc' },
        returnCountInfo: true,
        limit: 1,
      } as any),
    )
    expect(listed.errors).toBeNull()
    expect(listed.data.info).toEqual({ count: 2, totalPages: 2, currentPage: 1, pageSize: 1 })
    expect(listed.data.data.map((f: any) => f.fileName)).toEqual(['tagged-2.txt'])
    const all: any = await within(photos.listFiles())
    expect(all.data.length).toBeGreaterThanOrEqual(5)
    const bySize: any = await within(client.storage.searchFiles('size == 2'))
    expect(bySize.data.map((f: any) => f.fileName)).toEqual(['tagged-2.txt'])
    const bad: any = await within(photos.listFiles('size >'))
    expect(codeOf(bad)).toBe('expression_syntax_error')

    const buckets: any = await within(client.storage.listBuckets({ returnCountInfo: true } as any))
    expect(buckets.data.info.count).toBe(3)
    expect(buckets.data.data.map((b: any) => b.name).sort()).toEqual(['later', 'photos', 'root'])
    const privateOnly: any = await within(client.storage.listBuckets('isPublic == false'))
    expect(privateOnly.data.map((b: any) => b.name)).toEqual(['photos'])

    const stats: any = await within(client.storage.getStats())
    expect(stats.data).toMatchObject({ bucketsCount: 3 })
    expect(stats.data.objectsCount).toBeGreaterThanOrEqual(8)
    const detailed: any = await within(photos.getInfo(true))
    expect(detailed.data.stats.objectsCount).toBe(all.data.length)
    expect(detailed.data.stats.maxObjectSize).toBe(512)
  })

  it('serves public files at publicPath, not private ones, and deletes by URL', async () => {
    const photos = client.storage.bucket('photos')
    const shown: any = await within(
      photos.upload('shown.txt', 'public bytes', { isPublic: true } as any),
    )
    const hidden: any = await within(
      photos.upload('hidden.txt', 'secret', { isPublic: false } as any),
    )
    const served = await fetch(shown.data.publicPath)
    expect(served.status).toBe(200)
    expect(await served.text()).toBe('public bytes')
    const refused = await fetch(hidden.data.publicPath)
    expect(refused.status).toBe(404)
    expect(((await refused.json()) as any).errors[0].code).toBe('file_not_found')
    const deleted: any = await within(client.storage.deleteFile(shown.data.publicPath))
    expect(deleted.errors).toBeNull()
    expect((await within(photos.file('shown.txt').exists())).data).toBe(false)
    expect((await fetch(shown.data.publicPath)).status).toBe(404)
  })

  it('changes buckets: rename, tags, privacy with files, update, empty and delete', async () => {
    const storage = client.storage
    const later = storage.bucket('later')
    expect(((await within(later.rename('archive'))) as any).data.name).toBe('archive')
    const archive = storage.bucket('archive')
    expect(((await within(archive.addTags('old'))) as any).data.tags).toEqual(['old'])
    expect(((await within(archive.removeTags('old'))) as any).data.tags).toEqual([])
    const privateBucket: any = await within(archive.makePrivate(true))
    expect(privateBucket.data.isPublic).toBe(false)
    const files: any = await within(archive.listFiles())
    expect(files.data.every((f: any) => f.isPublic === false)).toBe(true)
    const publicBucket: any = await within(archive.makePublic(false))
    expect(publicBucket.data.isPublic).toBe(true)
    expect(((await within(archive.listFiles())) as any).data[0].isPublic).toBe(false)
    const updated: any = await within(archive.updateInfo('archive-2', true, ['t'], true))
    expect(updated.data).toMatchObject({ name: 'archive-2', isPublic: true, tags: ['t'] })

    const photos = storage.bucket('photos')
    const before: any = await within(photos.listFiles())
    const removed: any = await within(photos.deleteFiles(['tagged-1.txt', before.data[0]._id]))
    expect(removed.errors).toBeNull()
    const after: any = await within(photos.listFiles())
    expect(after.data.length).toBe(before.data.length - 2)
    expect((await within(photos.file('bin.dat').delete())).errors).toBeNull()
    expect((await within(photos.file('bin.dat').exists())).data).toBe(false)
    expect((await within(photos.empty())).errors).toBeNull()
    expect(((await within(photos.listFiles())) as any).data).toEqual([])
    expect((await within(photos.delete())).errors).toBeNull()
    expect((await within(photos.exists())).data).toBe(false)

    expect(codeOf(await within(storage.root.delete()))).toBe('root_bucket_protected')
    expect(codeOf(await within(storage.root.rename('base')))).toBe('root_bucket_protected')
    expect(codeOf(await within(archive.rename('root')))).toBe('bucket_not_found')
    expect(codeOf(await within(storage.bucket('archive-2').rename('root')))).toBe(
      'root_bucket_protected',
    )
    expect(codeOf(await within(storage.bucket('archive-2').upload('../x', 'y')))).toBe(
      'invalid_name',
    )
    expect((await within(storage.root.empty())).errors).toBeNull()
    expect((await within(storage.root.makePrivate())).errors).toBeNull()
  })
})
