/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of many shapes */
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { envPrefixRewriter } from '../src/api/routes/agnost/agnost-paths.js'
import { createKey } from '../src/core/keys/create-key.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

const BOUNDARY = '----agnost-test-boundary'

/** A multipart body with one `file` part, as FormData builds it. */
function formWith(content: string, fileName: string, type = 'text/plain'): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${type}\r\n\r\n${content}\r\n--${BOUNDARY}--\r\n`,
  )
}

describe.each(pgTargets())('agnost storage routes on $name PostgreSQL', (target) => {
  let t: TestServer
  let apiKey: string

  /** `bucket.upload(fileName, body, options)` of the Agnost client (agnost-protocol.md §1.6). */
  async function upload(
    bucket: string,
    fileName: string,
    content: string,
    options?: Record<string, unknown>,
    key: string | null = apiKey,
    extraHeaders: Record<string, string> = {},
  ) {
    const query = `fileName=${encodeURIComponent(fileName)}&options=${encodeURIComponent(JSON.stringify(options ?? {}))}`
    const response = await t.server.app.inject({
      method: 'POST',
      url: `/agnost/storage/main-store/bucket/${bucket}/upload-formdata?${query}`,
      headers: {
        'x-client': 'agnost-js',
        ...(key === null ? {} : { authorization: key }),
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...extraHeaders,
      },
      payload: formWith(content, fileName),
    })
    return { status: response.statusCode, body: response.json() as any }
  }

  const get = (url: string) => t.server.app.inject({ method: 'GET', url })

  beforeAll(async () => {
    t = await startTestServer(target)
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
  })
  afterAll(() => t.close())

  it('uploads into a bucket it creates, answering the Agnost file shape', async () => {
    const answer = await upload('photos', 'cat.txt', 'meow', { isPublic: true, tags: ['pets'] })
    expect(answer.status).toBe(200)
    const info = await t.server.storage.getFile('photos', 'cat.txt')
    expect(answer.body).toEqual({
      id: info._id,
      storageId: 'main-store',
      bucketId: info.bucketId,
      path: 'cat.txt',
      size: 4,
      mimeType: 'text/plain',
      isPublic: true,
      tags: ['pets'],
      uploadedAt: info.uploadedAt,
      updatedAt: info.updatedAt,
    })
  })

  it('refuses a taken name without upsert, replaces it with upsert', async () => {
    const first = await upload('docs', 'note.txt', 'one', { isPublic: true })
    const taken = await upload('docs', 'note.txt', 'two')
    expect(taken.status).toBe(409)
    expect(taken.body.errors[0].code).toBe('file_already_exists')
    const replaced = await upload('docs', 'note.txt', 'three!', { upsert: true })
    expect(replaced.status).toBe(200)
    expect(replaced.body).toMatchObject({ id: first.body.id, path: 'note.txt', size: 6 })
    expect((await get(`/agnost/object/${first.body.id}`)).body).toBe('three!')
  })

  it('needs an API key to upload', async () => {
    const missing = await upload('docs', 'x.txt', 'x', {}, null)
    expect(missing.status).toBe(401)
    expect(missing.body.errors[0].code).toBe('missing_api_key')
    const wrong = await upload('docs', 'x.txt', 'x', {}, 'nope')
    expect(wrong.body.errors[0].code).toBe('invalid_api_key')
    expect(await t.server.storage.fileExists('docs', 'x.txt')).toBe(false)
    // Only the API key counts (agnost-protocol.md §1.6): a stale session does not fail it.
    const stale = await upload('docs', 'y.txt', 'y', {}, apiKey, { session: 'expired-token' })
    expect(stale.status).toBe(200)
  })

  it('serves public objects by id and by path without a key; private ones are 404', async () => {
    const pub = await upload('site', 'hello world.txt', 'hi there', { isPublic: true })
    const priv = await upload('site', 'secret.txt', 'hidden', { isPublic: false })

    const byId = await get(`/agnost/object/${pub.body.id}`)
    expect(byId.statusCode).toBe(200)
    expect(byId.body).toBe('hi there')
    expect(byId.headers['content-type']).toMatch(/^text\/plain/)
    expect(byId.headers['cache-control']).toBe('public, max-age=60')
    expect(byId.headers['content-disposition']).toBeUndefined()

    const byPath = await get('/agnost/object/main-store/site/hello%20world.txt?attachment=true')
    expect(byPath.statusCode).toBe(200)
    expect(byPath.body).toBe('hi there')
    expect(byPath.headers['content-disposition']).toBe(
      `attachment; filename="hello world.txt"; filename*=UTF-8''hello%20world.txt`,
    )

    for (const url of [
      `/agnost/object/${priv.body.id}`,
      '/agnost/object/main-store/site/secret.txt',
      '/agnost/object/main-store/site/none.txt',
      '/agnost/object/main-store/nobucket/a.txt',
      '/agnost/object/000000000000000000000000',
      '/agnost/object/not-an-id',
    ]) {
      const answer = await get(url)
      expect(answer.statusCode, url).toBe(404)
      expect(answer.json().errors[0].code).toBe('file_not_found')
    }
  })
})

describe('agnost env prefix', () => {
  it('routes /<envId>/... as if the prefix were absent', async () => {
    const app = Fastify({ rewriteUrl: envPrefixRewriter('env-abc123') })
    app.get('/agnost/auth/user', (request) => ({ at: 'agnost', url: request.url }))
    app.get('/hello', () => ({ at: 'endpoint' }))
    app.get('/', () => ({ at: 'root' }))
    app.get('/env-abc1234/x', () => ({ at: 'other' }))
    const at = async (url: string) => (await app.inject({ url })).json()
    expect(await at('/env-abc123/agnost/auth/user?x=1')).toEqual({
      at: 'agnost',
      url: '/agnost/auth/user?x=1',
    })
    expect(await at('/env-abc123/hello')).toEqual({ at: 'endpoint' })
    expect(await at('/agnost/auth/user')).toMatchObject({ at: 'agnost' })
    expect(await at('/env-abc123')).toEqual({ at: 'root' })
    expect(await at('/env-abc1234/x')).toEqual({ at: 'other' }) // only a whole segment matches
    await app.close()
  })
})
