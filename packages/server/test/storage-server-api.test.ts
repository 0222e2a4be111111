/* eslint-disable @typescript-eslint/no-explicit-any -- the client's data is untyped here */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// App code reaches storage through `api.storage`: the same client, in-process, full rights.
describe('api.storage for app code', () => {
  let t: TestServer

  beforeAll(async () => {
    t = await startTestServer(pgTargets()[0]!)
  })
  afterAll(() => t.close())

  it('uploads, lists, downloads and deletes in-process', async () => {
    const storage = t.server.api.storage
    const bucket: any = await storage.createBucket('reports', false)
    expect(bucket.errors).toBeNull()
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255])
    const uploaded: any = await storage
      .bucket('reports')
      .upload('r.bin', bytes, { contentType: 'application/octet-stream' })
    expect(uploaded.errors).toBeNull()
    expect(uploaded.data).toMatchObject({ fileName: 'r.bin', size: 6, isPublic: false })
    const listed: any = await storage.bucket('reports').listFiles()
    expect(listed.data.map((f: any) => f._id)).toEqual([uploaded.data._id])
    const downloaded: any = await storage.bucket('reports').file('r.bin').download()
    expect(Buffer.from(await downloaded.data.arrayBuffer()).equals(bytes)).toBe(true)
    expect((await storage.bucket('reports').file('r.bin').delete()).errors).toBeNull()
    expect((await storage.bucket('reports').file('r.bin').exists()).data).toBe(false)
  })
})
