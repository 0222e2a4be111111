import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { Bucket, CountedList, FileInfo, StorageResult, StorageStats } from '../src/index.js'

// Type-level checks. vitest runs them as no-ops (it does not type-check, and `tsc -b` does not
// cover test/); check them with `npx tsc --noEmit --strict --module nodenext --moduleResolution
// nodenext --target es2023 --lib es2023,dom --skipLibCheck --types node <this file>`.
// The calls go to a fetch that answers `null` at once.

const answerNull = async () => new Response('null')
const storage = () => createClient('http://127.0.0.1:1', 'ck', { fetch: answerNull }).storage

describe('storage types', () => {
  it('types lists by their returnCountInfo option, wherever the options are', () => {
    const s = storage()
    expectTypeOf(s.listBuckets()).resolves.toEqualTypeOf<StorageResult<Bucket[]>>()
    expectTypeOf(s.listBuckets('a == 1', { limit: 2 })).resolves.toEqualTypeOf<
      StorageResult<Bucket[]>
    >()
    expectTypeOf(s.listBuckets({ returnCountInfo: true })).resolves.toEqualTypeOf<
      StorageResult<CountedList<Bucket>>
    >()
    expectTypeOf(s.bucket('b').listFiles('x', { returnCountInfo: true })).resolves.toEqualTypeOf<
      StorageResult<CountedList<FileInfo>>
    >()
    expectTypeOf(s.listBuckets('a == 1')).resolves.toEqualTypeOf<StorageResult<Bucket[]>>()
    expectTypeOf(s.listBuckets({ limit: 1 }, { returnCountInfo: true })).resolves.toEqualTypeOf<
      StorageResult<CountedList<Bucket>>
    >()
    expectTypeOf(s.bucket('b').listFiles({ returnCountInfo: true })).resolves.toEqualTypeOf<
      StorageResult<CountedList<FileInfo>>
    >()
    expectTypeOf(s.bucket('b').listFiles('x')).resolves.toEqualTypeOf<StorageResult<FileInfo[]>>()
    const flag = Math.random() > 0.5
    expectTypeOf(s.searchFiles('x', { returnCountInfo: flag })).resolves.toEqualTypeOf<
      StorageResult<FileInfo[] | CountedList<FileInfo>>
    >()
  })

  it('types metadata, stats, booleans and downloads', () => {
    const s = storage()
    expectTypeOf(s.createBucket('b')).resolves.toEqualTypeOf<StorageResult<Bucket>>()
    expectTypeOf(s.getStats()).resolves.toEqualTypeOf<StorageResult<StorageStats>>()
    expectTypeOf(s.root.exists()).resolves.toEqualTypeOf<StorageResult<boolean>>()
    expectTypeOf(s.root.upload('a', 'x')).resolves.toEqualTypeOf<StorageResult<FileInfo>>()
    expectTypeOf(s.root.file('a').download()).resolves.toEqualTypeOf<StorageResult<Blob>>()
    expectTypeOf(s.root.file('a').moveTo('b')).resolves.toEqualTypeOf<StorageResult<FileInfo>>()
  })
})
