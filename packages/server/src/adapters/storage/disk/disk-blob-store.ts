import { randomBytes } from 'node:crypto'
import { constants, createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { copyFile, mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import {
  BlobNotFoundError,
  assertBlobKey,
  assertBlobPrefix,
  assertByteRange,
} from '../blob-store.js'
import type { BlobContent, BlobStore, ByteRange } from '../blob-store.js'

/** The size of each read of a file's content. */
const READ_CHUNK_BYTES = 1024 * 1024

/** Temp files idle longer than this were left by a killed process; younger ones may be live. */
const STALE_TEMP_MS = 60 * 60 * 1000

/**
 * File contents on local disk: objects at `<root>/objects/<key>`, written to `<root>/tmp/` first
 * and renamed into place, so that a reader never sees half an object.
 */
export class DiskBlobStore implements BlobStore {
  private readonly objectsDir: string
  private readonly tmpDir: string
  private started: Promise<void> | undefined

  constructor(root: string) {
    this.objectsDir = join(root, 'objects')
    this.tmpDir = join(root, 'tmp')
  }

  /** Creates the folders and sweeps stale temp files; every operation runs it once first. */
  start(): Promise<void> {
    this.started ??= this.sweep().catch((error: unknown) => {
      this.started = undefined
      throw error
    })
    return this.started
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    assertBlobKey(key)
    await this.start()
    const temp = this.tempPath()
    const file = createWriteStream(temp, { flags: 'wx', flush: true })
    try {
      await pipeline(body, file)
      await this.moveIntoPlace(temp, key)
      return { size: file.bytesWritten }
    } catch (error) {
      await discard(file, temp)
      throw error
    }
  }

  async get(key: string, range?: ByteRange): Promise<BlobContent> {
    assertBlobKey(key)
    if (range) assertByteRange(range)
    await this.start()
    const handle = await open(this.objectPath(key), 'r').catch((error: unknown) => {
      throw isMissing(error) ? new BlobNotFoundError(key) : error
    })
    try {
      const info = await handle.stat()
      if (!info.isFile()) throw new BlobNotFoundError(key)
      // 1 MiB reads: a quarter fewer system calls and socket writes than the 64 KiB default.
      const body = handle.createReadStream({
        start: range?.start,
        end: range?.end,
        highWaterMark: READ_CHUNK_BYTES,
      })
      return { body, size: info.size }
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    assertBlobKey(key)
    await this.start()
    const info = await stat(this.objectPath(key)).catch((error: unknown) => {
      if (isMissing(error)) return undefined
      throw error
    })
    return info?.isFile() ? { size: info.size } : undefined
  }

  async copy(from: string, to: string): Promise<void> {
    assertBlobKey(from)
    assertBlobKey(to)
    await this.start()
    const temp = this.tempPath()
    try {
      // A reflink where the file system offers one, a plain copy elsewhere.
      await copyFile(this.objectPath(from), temp, constants.COPYFILE_FICLONE)
      await fsync(temp)
      await this.moveIntoPlace(temp, to)
    } catch (error) {
      await rm(temp, { force: true })
      throw isMissing(error) ? new BlobNotFoundError(from) : error
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(assertBlobKey)
    await this.start()
    for (const key of keys) {
      const path = this.objectPath(key)
      await unlink(path).catch((error: unknown) => {
        if (!isMissing(error)) throw error
      })
      await this.pruneEmptyParents(path)
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertBlobPrefix(prefix)
    await this.start()
    const path = this.objectPath(prefix.slice(0, -1))
    await rm(path, { recursive: true, force: true })
    await this.pruneEmptyParents(path)
  }

  async close(): Promise<void> {}

  private objectPath(key: string): string {
    return join(this.objectsDir, key)
  }

  private tempPath(): string {
    return join(this.tmpDir, `${randomBytes(12).toString('hex')}.tmp`)
  }

  /** Renames a finished temp file to the key's path, creating parent folders. */
  private async moveIntoPlace(temp: string, key: string): Promise<void> {
    const target = this.objectPath(key)
    // A concurrent delete may prune the parent folder between mkdir and rename: try again.
    for (let attempt = 1; ; attempt++) {
      await mkdir(dirname(target), { recursive: true })
      try {
        return await rename(temp, target)
      } catch (error) {
        if (!isMissing(error) || attempt === 3) throw error
      }
    }
  }

  /** Removes the folders above `path` that are now empty, up to the objects folder. */
  private async pruneEmptyParents(path: string): Promise<void> {
    for (let dir = dirname(path); dir.startsWith(this.objectsDir + '/'); dir = dirname(dir)) {
      const removed = await rmdir(dir).then(
        () => true,
        () => false, // not empty, already gone, or raced: leave it
      )
      if (!removed) return
    }
  }

  private async sweep(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true })
    await mkdir(this.tmpDir, { recursive: true })
    const cutoff = Date.now() - STALE_TEMP_MS
    for (const name of await readdir(this.tmpDir)) {
      const path = join(this.tmpDir, name)
      const info = await stat(path).catch(() => undefined) // another process may remove it
      if (info && info.mtimeMs < cutoff) await rm(path, { recursive: true, force: true })
    }
  }
}

/** Closes a failed write stream (its open may still be pending) and removes its file. */
async function discard(file: WriteStream, temp: string): Promise<void> {
  if (!file.destroyed) file.destroy()
  if (!file.closed) await once(file, 'close').catch(() => undefined)
  await rm(temp, { force: true })
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
}
