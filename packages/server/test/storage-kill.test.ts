import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import type { ClientRequest } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { DiskBlobStore } from '../src/adapters/storage/disk/disk-blob-store.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

const DIST_INDEX = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const REST = '/_api/rest/v1/storage/bucket'
const OLD_CONTENT = 'the old content, whole'

// A server killed (SIGKILL) in the middle of an upload and of a replace leaves the store
// consistent: the replaced file keeps its old content, the new file does not exist, no file
// row points at missing content, and the orphaned bytes are recorded for the sweep.
describe.each(pgTargets().slice(-1))('storage after a kill -9 on $name PostgreSQL', (target) => {
  let database: TestDatabase | undefined
  let child: ChildProcess | undefined
  let survivor: BasaltServer | undefined
  const dataDir = mkdtempSync(join(tmpdir(), 'basalt-storage-kill-'))
  const requests: ClientRequest[] = []
  const input = (url: string) => ({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'silent' as const,
    dataDir,
    databaseUrl: url,
  })

  afterAll(async () => {
    for (const r of requests) r.destroy()
    child?.kill('SIGKILL')
    await survivor?.close()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps the old file whole and stores no half of the new one', async () => {
    database = await createTestDatabase(target)
    const script = `
      const { createServer, parseServerConfig } = await import(${JSON.stringify(DIST_INDEX)})
      const server = await createServer(parseServerConfig(${JSON.stringify(input(database.url))}))
      const url = await server.listen()
      console.log(JSON.stringify({ url, key: server.developmentKey.secret }))`
    const started = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child = started
    const { url, key } = await new Promise<{ url: string; key: string }>((resolve, reject) => {
      started.stdout!.on('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())))
      started.on('exit', (code) => reject(new Error(`child exited with ${code}`)))
    })
    const headers = { 'x-client-key': key, 'content-type': 'application/octet-stream' }
    const uploaded = await fetch(`${url}${REST}/upload-object?bucket=root&fileName=keep.txt`, {
      method: 'POST',
      headers,
      body: OLD_CONTENT,
    })
    expect(uploaded.status).toBe(200)

    // Two uploads that never finish: a replace of keep.txt and a new file.
    const slow = (path: string) => {
      const req = request(`${url}${REST}/${path}`, { method: 'POST', headers })
      req.on('error', () => undefined)
      req.write(Buffer.alloc(256 * 1024, 7))
      requests.push(req)
    }
    slow('file/replace-object?file=keep.txt&bucket=root')
    slow('upload-object?bucket=root&fileName=new.bin')
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      // Both uploads have begun writing once their keys are recorded as pending garbage.
      const pending = async () =>
        (await client.query(`SELECT key FROM basalt.storage_garbage WHERE reason = 'upload'`))
          .rows as { key: string }[]
      const deadline = Date.now() + 10_000
      while ((await pending()).length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect((await pending()).length).toBe(2)
      const exited = new Promise((resolve) => started.on('exit', resolve))
      started.kill('SIGKILL')
      await exited

      survivor = await createServer(parseServerConfig(input(database.url)))
      const listed = await survivor.app.inject({
        method: 'POST',
        url: `${REST}/list-files`,
        headers: { 'x-client-key': key, 'content-type': 'application/json' },
        payload: JSON.stringify({ expression: null, options: null, bucket: 'root' }),
      })
      expect(listed.json().map((f: { fileName: string }) => f.fileName)).toEqual(['keep.txt'])
      const downloaded = await survivor.app.inject({
        method: 'POST',
        url: `${REST}/file/download`,
        headers: { 'x-client-key': key, 'content-type': 'application/json' },
        payload: JSON.stringify({ file: 'keep.txt', bucket: 'root' }),
      })
      expect(downloaded.statusCode).toBe(200)
      expect(downloaded.body).toBe(OLD_CONTENT)

      // No file row points at content that is not there.
      const blobs = new DiskBlobStore(join(dataDir, 'storage'))
      const rows = (await client.query(`SELECT content_key FROM basalt.storage_files`)).rows
      for (const row of rows as { content_key: string }[]) {
        expect(await blobs.stat(row.content_key)).toBeDefined()
      }
      // The orphans stay recorded; once old enough, the sweep removes them.
      const orphans = await pending()
      expect(orphans.length).toBe(2)
      await client.query(`UPDATE basalt.storage_garbage SET since = now() - interval '7 hours'`)
      expect(await survivor.storage.sweepGarbage()).toBe(2)
      expect(await pending()).toEqual([])
      for (const { key: orphan } of orphans) expect(await blobs.stat(orphan)).toBeUndefined()
      await blobs.close()
    } finally {
      await client.end()
    }
  })
})
