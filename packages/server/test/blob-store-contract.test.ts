import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BlobNotFoundError } from '../src/adapters/storage/blob-store.js'
import type { BlobStore } from '../src/adapters/storage/blob-store.js'
import { DiskBlobStore } from '../src/adapters/storage/disk/disk-blob-store.js'
import { S3BlobStore } from '../src/adapters/storage/s3/s3-blob-store.js'
import { startS3rver } from '../../../test-support/s3rver.js'

/** A store under test, what it needs torn down, and (on disk) its temp folder's entries. */
interface Subject {
  store: BlobStore
  tempFiles?: () => Promise<string[]>
  close: () => Promise<void>
}

interface Implementation {
  name: string
  make: () => Promise<Subject>
}

const MIB = 1024 * 1024

async function diskSubject(): Promise<Subject> {
  const root = await mkdtemp(join(tmpdir(), 'basalt-blobs-'))
  return {
    store: new DiskBlobStore(root),
    tempFiles: () => readdir(join(root, 'tmp')),
    close: () => rm(root, { recursive: true, force: true }),
  }
}

async function s3Subject(): Promise<Subject> {
  const s3rver = await startS3rver()
  const store = new S3BlobStore({ ...s3rver.config, prefix: 'app1/' })
  return { store, close: async () => (await store.close(), await s3rver.close()) }
}

const implementations: Implementation[] = [
  { name: 'disk', make: diskSubject },
  { name: 's3', make: s3Subject },
]

/** A byte stream (not object mode) of the given chunks. */
function streamOf(...chunks: Buffer[]): Readable {
  return Readable.from(chunks, { objectMode: false })
}

/** A stream that sends `bytes` bytes, then fails with `error`. */
function failingStream(bytes: number, error: Error): Readable {
  async function* chunks() {
    yield randomBytes(bytes)
    await new Promise((resolve) => setImmediate(resolve))
    throw error
  }
  return Readable.from(chunks(), { objectMode: false })
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function content(store: BlobStore, key: string): Promise<Buffer> {
  return readAll((await store.get(key)).body)
}

// The same contract for every implementation (hono's router tests are the model).
describe.each(implementations)('BlobStore contract: $name', ({ make }) => {
  let subject: Subject
  let store: BlobStore
  const base = () => randomBytes(4).toString('hex')
  beforeAll(async () => {
    subject = await make()
    store = subject.store
  })
  afterAll(() => subject?.close())

  it('stores binary bytes and reads them back with the size', async () => {
    const key = `${base()}/v1`
    const bytes = Buffer.from([0x00, 0xff, 0x10, 0x00, 0x80, 0xff, 0x0a, 0x0d])
    expect(await store.put(key, streamOf(bytes.subarray(0, 3), bytes.subarray(3)))).toEqual({
      size: 8,
    })
    const { body, size } = await store.get(key)
    expect(size).toBe(8)
    expect(await readAll(body)).toEqual(bytes)
    expect(await store.put(`${base()}/empty`, streamOf())).toEqual({ size: 0 })
  })

  it('reads ranges (first, middle, last byte) and answers the whole size', async () => {
    const key = `${base()}/v1`
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    await store.put(key, streamOf(bytes))
    const read = async (start: number, end: number) => {
      const { body, size } = await store.get(key, { start, end })
      expect(size).toBe(256)
      return readAll(body)
    }
    expect(await read(0, 0)).toEqual(Buffer.from([0]))
    expect(await read(100, 109)).toEqual(bytes.subarray(100, 110))
    expect(await read(255, 255)).toEqual(Buffer.from([255]))
    expect(await read(0, 255)).toEqual(bytes)
    await expect(store.get(key, { start: 5, end: 4 })).rejects.toThrow(RangeError)
  })

  it('answers stat for a present and a missing key, and BlobNotFoundError on get', async () => {
    const key = `${base()}/v1`
    expect(await store.stat(key)).toBeUndefined()
    await store.put(key, streamOf(Buffer.from('hello')))
    expect(await store.stat(key)).toEqual({ size: 5 })
    const missing = `${base()}/v1`
    const error = await store.get(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlobNotFoundError)
    expect((error as BlobNotFoundError).key).toBe(missing)
    await expect(store.get(missing, { start: 0, end: 0 })).rejects.toBeInstanceOf(BlobNotFoundError)
  })

  it('replaces the whole content on overwrite', async () => {
    const key = `${base()}/v1`
    await store.put(key, streamOf(Buffer.from('a longer first content')))
    expect(await store.put(key, streamOf(Buffer.from('short')))).toEqual({ size: 5 })
    expect((await content(store, key)).toString()).toBe('short')
    expect(await store.stat(key)).toEqual({ size: 5 })
  })

  it('rejects with the body error and stores nothing when the body fails mid-way', async () => {
    const fresh = `${base()}/v1`
    const error = new Error('client went away')
    // Past one 8 MiB part, so that S3 is in the middle of a multipart upload.
    await expect(store.put(fresh, failingStream(9 * MIB, error))).rejects.toBe(error)
    expect(await store.stat(fresh)).toBeUndefined()

    const kept = `${base()}/v1`
    await store.put(kept, streamOf(Buffer.from('old')))
    await expect(store.put(kept, failingStream(1000, error))).rejects.toBe(error)
    expect((await content(store, kept)).toString()).toBe('old')
    if (subject.tempFiles) expect(await subject.tempFiles()).toEqual([])
  })

  it('copies an object, and answers BlobNotFoundError for a missing source', async () => {
    const [from, to] = [`${base()}/v1`, `${base()}/v2`]
    const bytes = randomBytes(1000)
    await store.put(from, streamOf(bytes))
    await store.put(to, streamOf(Buffer.from('to be replaced')))
    await store.copy(from, to)
    expect(await content(store, to)).toEqual(bytes)
    expect(await content(store, from)).toEqual(bytes)
    const missing = `${base()}/v1`
    const error = await store.copy(missing, `${base()}/v1`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BlobNotFoundError)
    expect((error as BlobNotFoundError).key).toBe(missing)
    if (subject.tempFiles) expect(await subject.tempFiles()).toEqual([])
  })

  it('deletes many keys, ignoring missing ones, and is idempotent', async () => {
    const folder = base()
    const keys = Array.from({ length: 30 }, (_, i) => `${folder}/k${i}`)
    for (const key of keys) await store.put(key, streamOf(Buffer.from(key)))
    const doomed = keys.slice(0, 25)
    await store.delete([...doomed, `${base()}/missing`])
    for (const key of doomed) expect(await store.stat(key)).toBeUndefined()
    for (const key of keys.slice(25)) expect((await content(store, key)).toString()).toBe(key)
    await store.delete(doomed)
    await store.delete([])
    expect(await store.stat(keys[29]!)).toEqual({ size: keys[29]!.length })
  })

  it('deletes a prefix and nothing outside it', async () => {
    const folder = base()
    const inside = [`${folder}/a`, `${folder}/b/c`, `${folder}/b/d`]
    const outside = [`${folder}x/a`, `${base()}/a`]
    for (const key of [...inside, ...outside]) await store.put(key, streamOf(Buffer.from(key)))
    await store.deletePrefix(`${folder}/`)
    for (const key of inside) expect(await store.stat(key)).toBeUndefined()
    for (const key of outside) expect((await content(store, key)).toString()).toBe(key)
    await store.deletePrefix(`${folder}/`)
  })

  it('streams a 20 MiB object in and out unchanged', async () => {
    const key = `${base()}/big`
    const sent = createHash('sha256')
    async function* chunks() {
      for (let i = 0; i < 20; i++) {
        const chunk = randomBytes(MIB)
        sent.update(chunk)
        yield chunk
      }
    }
    expect(await store.put(key, Readable.from(chunks(), { objectMode: false }))).toEqual({
      size: 20 * MIB,
    })
    const { body, size } = await store.get(key)
    expect(size).toBe(20 * MIB)
    const received = createHash('sha256')
    for await (const chunk of body) received.update(chunk as Buffer)
    expect(received.digest('hex')).toBe(sent.digest('hex'))
  })

  it.each(['../x', '/abs', 'a//b', 'a/../b', 'a/', ''])('rejects the bad key %j', async (bad) => {
    const good = `${base()}/v1`
    await expect(store.put(bad, streamOf(Buffer.from('x')))).rejects.toThrow(/invalid blob key/)
    await expect(store.get(bad)).rejects.toThrow(/invalid blob key/)
    await expect(store.stat(bad)).rejects.toThrow(/invalid blob key/)
    await expect(store.copy(good, bad)).rejects.toThrow(/invalid blob key/)
    await expect(store.copy(bad, good)).rejects.toThrow(/invalid blob key/)
    await expect(store.delete([good, bad])).rejects.toThrow(/invalid blob key/)
    await expect(store.deletePrefix(`${bad}/`)).rejects.toThrow(/invalid blob key/)
  })
})

describe('DiskBlobStore', () => {
  it('sweeps temp files idle for over an hour on first use, and keeps younger ones', async () => {
    const root = await mkdtemp(join(tmpdir(), 'basalt-blobs-'))
    try {
      await mkdir(join(root, 'tmp'))
      await writeFile(join(root, 'tmp', 'stale.tmp'), 'left by a killed process')
      await writeFile(join(root, 'tmp', 'fresh.tmp'), 'another process is writing it')
      const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
      await utimes(join(root, 'tmp', 'stale.tmp'), twoHoursAgo, twoHoursAgo)
      const store = new DiskBlobStore(root)
      expect(await store.stat('a/b')).toBeUndefined()
      expect(await readdir(join(root, 'tmp'))).toEqual(['fresh.tmp'])
      await store.close()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('removes the folders a delete leaves empty', async () => {
    const root = await mkdtemp(join(tmpdir(), 'basalt-blobs-'))
    try {
      const store = new DiskBlobStore(root)
      await store.put('f1/v1', streamOf(Buffer.from('1')))
      await store.put('f2/v1', streamOf(Buffer.from('2')))
      await store.put('f2/v2', streamOf(Buffer.from('3')))
      await store.delete(['f1/v1', 'f2/v1'])
      expect((await readdir(join(root, 'objects'))).sort()).toEqual(['f2'])
      await store.put('f1/v2', streamOf(Buffer.from('4')))
      expect((await content(store, 'f1/v2')).toString()).toBe('4')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
