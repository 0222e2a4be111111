import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { Readable, Transform, pipeline } from 'node:stream'
import {
  BlobNotFoundError,
  assertBlobKey,
  assertBlobPrefix,
  assertByteRange,
} from '../blob-store.js'
import type { BlobContent, BlobStore, ByteRange, PutOptions } from '../blob-store.js'

/** Where the objects live: the `s3` section of the server configuration. */
export interface S3BlobStoreOptions {
  readonly bucket: string
  readonly region: string
  /** An S3-compatible service (MinIO, R2, ...); AWS when absent. */
  readonly endpoint?: string
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  readonly forcePathStyle?: boolean
  /** Prepended to every key (`app1/`), so that several apps can share one bucket. */
  readonly prefix?: string
}

/** Parts of 8 MiB, two in flight: a put holds about 16-24 MiB whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024
const QUEUE_SIZE = 2
/** The most keys one DeleteObjects request takes. */
const DELETE_BATCH = 1000

/** File contents in an S3 bucket (AWS or an S3-compatible service). */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client
  private readonly bucket: string
  private readonly prefix: string

  constructor(options: S3BlobStoreOptions) {
    this.client = new S3Client(clientConfig(options))
    this.bucket = options.bucket
    this.prefix = options.prefix ?? ''
  }

  async put(key: string, body: Readable, options?: PutOptions): Promise<{ size: number }> {
    assertBlobKey(key)
    let bodyError: unknown
    body.once('error', (error) => (bodyError ??= error))
    let size = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length
        done(null, chunk)
      },
    })
    pipeline(body, counter, () => {}) // errors reach the upload through `counter`
    // A multipart upload: an object appears only on completion, so a killed process leaves none.
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.fullKey(key),
        Body: counter,
        ContentType: options?.contentType,
      },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    })
    try {
      await upload.done()
      return { size }
    } catch (error) {
      await upload.abort()
      counter.destroy()
      throw bodyError ?? error
    }
  }

  async get(key: string, range?: ByteRange): Promise<BlobContent> {
    assertBlobKey(key)
    if (range) assertByteRange(range)
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.fullKey(key),
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    })
    const output = await this.client.send(command).catch((error: unknown) => {
      throw isNotFound(error) ? new BlobNotFoundError(key) : error
    })
    if (!(output.Body instanceof Readable)) throw new Error('S3 answered a body that is no stream')
    if (!range) return { body: output.Body, size: output.ContentLength ?? 0 }
    const served = parseContentRange(output.ContentRange)
    if (served?.start !== range.start) {
      output.Body.destroy()
      throw new Error(
        `S3 answered the range '${output.ContentRange}' for ${range.start}-${range.end}`,
      )
    }
    const length = Math.min(range.end, served.end) - range.start + 1
    // Some S3 stand-ins (s3rver) ignore a range's end of 0 and send the rest of the object.
    const body = served.end > range.end ? firstBytes(output.Body, length) : output.Body
    return { body, size: served.size }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    assertBlobKey(key)
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) })
    const output = await this.client.send(command).catch((error: unknown) => {
      if (isNotFound(error)) return undefined
      throw error
    })
    return output && { size: output.ContentLength ?? 0 }
  }

  async copy(from: string, to: string): Promise<void> {
    assertBlobKey(from)
    assertBlobKey(to)
    const source = [this.bucket, ...this.fullKey(from).split('/')].map(encodeURIComponent)
    const command = new CopyObjectCommand({
      Bucket: this.bucket,
      Key: this.fullKey(to),
      CopySource: source.join('/'),
    })
    await this.client.send(command).catch((error: unknown) => {
      throw isNotFound(error) ? new BlobNotFoundError(from) : error
    })
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertBlobKey)
    await this.deleteFullKeys(keys.map((key) => this.fullKey(key)))
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertBlobPrefix(prefix)
    let token: string | undefined
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.fullKey(prefix),
          ContinuationToken: token,
        }),
      )
      await this.deleteFullKeys((page.Contents ?? []).flatMap((item) => item.Key ?? []))
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  async close(): Promise<void> {
    this.client.destroy()
  }

  private fullKey(key: string): string {
    return this.prefix + key
  }

  /** Deletes keys (with the prefix) in batches of a thousand; throws on any refused key. */
  private async deleteFullKeys(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH).map((Key) => ({ Key }))
      const output = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }),
      )
      const failed = output.Errors?.[0]
      if (failed)
        throw new Error(`S3 could not delete '${failed.Key}': ${failed.Code} ${failed.Message}`)
    }
  }
}

function clientConfig(options: S3BlobStoreOptions): S3ClientConfig {
  const { region, endpoint, accessKeyId, secretAccessKey, forcePathStyle } = options
  return {
    region,
    endpoint,
    forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // S3-compatible services often reject the checksums the SDK adds by default since 2025.
    ...(endpoint && {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  }
}

/** The served range and the whole object's size, from `Content-Range: bytes 0-9/1234`. */
function parseContentRange(header: string | undefined) {
  const match = header?.match(/^bytes (\d+)-(\d+)\/(\d+)$/)
  if (!match) return undefined
  const [start, end, size] = match.slice(1).map(Number) as [number, number, number]
  return { start, end, size }
}

/** The first `length` bytes of `body`, which is destroyed once they are read. */
function firstBytes(body: Readable, length: number): Readable {
  async function* take() {
    let left = length
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const part = chunk.subarray(0, left)
      left -= part.length
      yield part
      if (left === 0) break
    }
  }
  return Readable.from(take(), { objectMode: false })
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  if (name === 'NoSuchBucket') return false // a configuration error, not a missing object
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404
}
