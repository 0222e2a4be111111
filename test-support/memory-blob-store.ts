import { Readable } from 'node:stream'
import type { Readable as ReadableStream } from 'node:stream'
import { BlobNotFoundError, isBlobKey } from '../packages/server/src/adapters/storage/blob-store.js'
import type {
  BlobContent,
  BlobStore,
  ByteRange,
  PutOptions,
} from '../packages/server/src/adapters/storage/blob-store.js'

/** A BlobStore in a Map, for tests: whole objects appear only once their body has ended. */
export class MemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, Buffer>()
  /** When set, put and copy fail with this error (a store outage). */
  failWith: Error | undefined

  async put(key: string, body: ReadableStream, _options?: PutOptions): Promise<{ size: number }> {
    checkKey(key)
    if (this.failWith) {
      body.destroy()
      throw this.failWith
    }
    const chunks: Buffer[] = []
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array))
    const buffer = Buffer.concat(chunks)
    this.objects.set(key, buffer)
    return { size: buffer.length }
  }

  async get(key: string, range?: ByteRange): Promise<BlobContent> {
    const buffer = this.objects.get(key)
    if (!buffer) throw new BlobNotFoundError(key)
    const part = range ? buffer.subarray(range.start, range.end + 1) : buffer
    return { body: Readable.from([part]), size: buffer.length }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    const buffer = this.objects.get(key)
    return buffer ? { size: buffer.length } : undefined
  }

  async copy(from: string, to: string): Promise<void> {
    checkKey(to)
    if (this.failWith) throw this.failWith
    const buffer = this.objects.get(from)
    if (!buffer) throw new BlobNotFoundError(from)
    this.objects.set(to, buffer)
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.objects.delete(key)
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const key of [...this.objects.keys()]) if (key.startsWith(prefix)) this.objects.delete(key)
  }

  async close(): Promise<void> {}
}

function checkKey(key: string): void {
  if (!isBlobKey(key)) throw new Error(`not a blob key: ${key}`)
}
