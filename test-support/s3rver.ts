import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import type { S3BlobStoreOptions } from '../packages/server/src/adapters/storage/s3/s3-blob-store.js'

/** A running in-process S3 stand-in, with the store options of its fresh bucket. */
export interface S3rverHandle {
  readonly config: S3BlobStoreOptions
  close(): Promise<void>
}

/** The part of s3rver's (untyped) API used here. */
interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
  httpServer?: Server
}

/** Starts s3rver on a free port of 127.0.0.1, over a fresh temp folder, with one fresh bucket. */
export async function startS3rver(): Promise<S3rverHandle> {
  const directory = await mkdtemp(join(tmpdir(), 'basalt-s3rver-'))
  const bucket = `basalt-${randomBytes(6).toString('hex')}`
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  }) as S3rverInstance
  const { port } = await server.run()
  const config: S3BlobStoreOptions = {
    bucket,
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  }
  const close = async () => {
    const closed = server.close()
    server.httpServer?.closeAllConnections() // idle keep-alive sockets of clients not yet closed
    await closed
    await rm(directory, { recursive: true, force: true })
  }
  return { config, close }
}
