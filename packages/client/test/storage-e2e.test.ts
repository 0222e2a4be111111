import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { FileInfo, StorageManager } from '../src/index.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// Basalt's client.storage from Node against a listening Basalt server: real multipart and raw
// uploads with progress, byte-exact downloads, listing, moves, copies and deletes.

/** 300 KB of bytes that are not valid UTF-8, so any text re-encoding would show. */
const BINARY = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 13 + 128) % 256))

/** Upload options recording the last progress call. */
function progress() {
  const calls: [number, number, number][] = []
  const onProgress = (...call: [number, number, number]) => void calls.push(call)
  return { calls, onProgress }
}

/** The bytes of a download. */
async function bytesOf(result: { data: Blob | null }): Promise<Buffer> {
  return Buffer.from(await result.data!.arrayBuffer())
}

describe('client.storage against a Basalt server', () => {
  let t: TestServer
  let storage: StorageManager

  beforeAll(async () => {
    t = await startTestServer(pgTargets()[0]!)
    const url = await t.server.listen()
    storage = createClient(url, t.clientKey).storage
  })
  afterAll(() => t?.close())

  it('creates a bucket and lists it, with count info when asked', async () => {
    const created = await storage.createBucket('e2e-photos', false, ['e2e'])
    expect(created.errors).toBeNull()
    expect(created.data).toMatchObject({ name: 'e2e-photos', isPublic: false, tags: ['e2e'] })
    expect((await storage.bucket('e2e-photos').exists()).data).toBe(true)
    const listed = await storage.listBuckets('name == "e2e-photos"')
    expect(listed.data?.map((b) => b.name)).toEqual(['e2e-photos'])
    const counted = await storage.listBuckets({ returnCountInfo: true, limit: 1 })
    expect(counted.data?.info.pageSize).toBe(1)
    expect(counted.data?.info.count).toBeGreaterThanOrEqual(2) // root and e2e-photos
  })

  it('uploads a Blob as multipart with progress and downloads it byte for byte', async () => {
    const { calls, onProgress } = progress()
    const blob = new Blob([BINARY], { type: 'application/octet-stream' })
    const bucket = storage.bucket('e2e-photos')
    const uploaded = await bucket.upload('blob.bin', blob, { onProgress, tags: ['x'] })
    expect(uploaded.errors).toBeNull()
    expect(uploaded.data).toMatchObject({ fileName: 'blob.bin', size: BINARY.length, tags: ['x'] })
    expect(calls[calls.length - 1]?.[2]).toBe(100)
    const downloaded = await bucket.file('blob.bin').download()
    expect((await bytesOf(downloaded)).equals(BINARY)).toBe(true)
  })

  it('uploads a Buffer as raw bytes with progress, typed by options.contentType', async () => {
    const { calls, onProgress } = progress()
    const contentType = 'image/x-test'
    const uploaded = await storage.root.upload('raw.bin', BINARY, { contentType, onProgress })
    expect(uploaded.errors).toBeNull()
    expect(uploaded.data).toMatchObject({ size: BINARY.length, mimeType: contentType })
    expect(calls[calls.length - 1]).toEqual([BINARY.length, BINARY.length, 100])
    const downloaded = await storage.root.file(uploaded.data!._id).download()
    expect(downloaded.data?.type).toContain(contentType)
    expect((await bytesOf(downloaded)).equals(BINARY)).toBe(true)
  })

  it('stores text, and JSON-typed content as the server decodes it', async () => {
    await storage.root.upload('t.txt', 'héllo wörld')
    expect(await (await storage.root.file('t.txt').download()).data?.text()).toBe('héllo wörld')
    const json = { contentType: 'application/json' }
    await storage.root.upload('j.json', Buffer.from('{"a": 1}'), json)
    expect(await (await storage.root.file('j.json').download()).data?.text()).toBe('{"a": 1}')
  })

  it('replaces a file, keeping its id', async () => {
    const file = storage.root.file('t.txt')
    const before = (await file.getInfo()).data as FileInfo
    const replaced = await file.replace(new Blob(['new content']), progress())
    expect(replaced.data).toMatchObject({ _id: before._id, size: 11 })
    expect(await (await file.download()).data?.text()).toBe('new content')
  })

  it('lists, copies, moves and deletes files', async () => {
    const photos = storage.bucket('e2e-photos')
    const copied = await storage.root.file('raw.bin').copyTo('e2e-photos')
    expect(copied.errors).toBeNull()
    const moved = await storage.root.file('j.json').moveTo('e2e-photos')
    expect(moved.data).toMatchObject({ fileName: 'j.json' })
    const names = (await photos.listFiles()).data?.map((f) => f.fileName).sort()
    expect(names).toEqual(['blob.bin', 'j.json', 'raw.bin'])
    expect((await storage.root.file('j.json').exists()).data).toBe(false)
    expect((await bytesOf(await photos.file('raw.bin').download())).equals(BINARY)).toBe(true)

    expect(await photos.deleteFiles(['raw.bin'])).toEqual({ errors: null })
    expect(await photos.file('j.json').delete()).toEqual({ errors: null })
    const found = await storage.searchFiles('fileName == "blob.bin"')
    expect(found.data?.map((f) => f.fileName)).toEqual(['blob.bin'])
    expect(await photos.delete()).toEqual({ errors: null })
    expect((await photos.exists()).data).toBe(false)
  })

  it('returns server errors in errors', async () => {
    const { data, errors } = await storage.bucket('nope').file('x').getInfo()
    expect(data).toBeNull()
    expect(errors?.items[0]?.code).toBe('bucket_not_found')
    expect((await storage.root.delete()).errors?.items[0]?.code).toBe('root_bucket_protected')
  })
})
