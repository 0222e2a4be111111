import type { Readable } from 'node:stream'

/** A byte range of `get`: both ends inclusive, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/** The content of one stored object, as a stream. */
export interface BlobContent {
  readonly body: Readable
  /** The whole object's size in bytes (not the range's). */
  readonly size: number
}

/** Options of `put`. */
export interface PutOptions {
  /** Stored with the object where the backend keeps it (S3 `Content-Type`). */
  readonly contentType?: string
}

/** Answered by `get` for a key that holds nothing. */
export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object at '${key}'`)
    this.name = 'BlobNotFoundError'
  }
}

/**
 * Where file contents live: local disk (default) or S3-compatible storage. Keys are made by the
 * storage service (`<fileId>/<version>`, `cache/...`): slash-separated segments of
 * `[A-Za-z0-9._-]`, never a user's file name. Metadata lives in PostgreSQL, not here.
 */
export interface BlobStore {
  /**
   * Streams `body` to `key` atomically: a reader sees the old object or the whole new one,
   * never part of one, and a failed or killed write leaves no object at `key`. Answers the
   * number of bytes stored. An error of `body` (size limit, client gone) rejects with that
   * error after cleaning up.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }>
  /** The object's bytes (a range of them when asked); throws BlobNotFoundError when missing. */
  get(key: string, range?: ByteRange): Promise<BlobContent>
  /** The object's size, or undefined when missing. */
  stat(key: string): Promise<{ size: number } | undefined>
  /** Copies an object to another key (atomically, as put); throws BlobNotFoundError. */
  copy(from: string, to: string): Promise<void>
  /** Deletes objects; missing keys are not an error. */
  delete(keys: readonly string[]): Promise<void>
  /** Deletes every object whose key starts with `prefix` (which ends with `/`). */
  deletePrefix(prefix: string): Promise<void>
  /** Releases connections and stops background work. */
  close(): Promise<void>
}

/** Whether a key fits the shape every store accepts (segments of `[A-Za-z0-9._-]`). */
export function isBlobKey(key: string): boolean {
  return /^(?!.*(^|\/)\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key)
}

/** Throws unless `key` is a blob key: a store never touches a path made of anything else. */
export function assertBlobKey(key: string): void {
  if (!isBlobKey(key)) throw new Error(`invalid blob key '${key}'`)
}

/** Throws unless `prefix` is a blob key followed by `/` (the argument of `deletePrefix`). */
export function assertBlobPrefix(prefix: string): void {
  if (!prefix.endsWith('/') || !isBlobKey(prefix.slice(0, -1))) {
    throw new Error(`invalid blob key prefix '${prefix}'`)
  }
}

/** Throws unless `range` has whole, non-negative ends in order. */
export function assertByteRange(range: ByteRange): void {
  const { start, end } = range
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`invalid byte range ${start}-${end}`)
  }
}
