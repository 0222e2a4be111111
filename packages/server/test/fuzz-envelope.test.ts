import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

const REST = '/_api/rest/v1'
const CASES = 2000

/** A small seeded PRNG (mulberry32): a failing case can be replayed from its seed. */
function prng(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)))
  return { int, pick, bytes }
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const
const TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  '',
]

function randomCase(r: ReturnType<typeof prng>, clientKey: string) {
  const paths = [
    `${REST}/db/get-list`,
    `${REST}/${r.bytes(6).toString('hex')}`,
    `${REST}/probe/typed`,
    `/${encodeURIComponent(r.bytes(8).toString('latin1'))}`,
    `${REST}/%${r.pick(['', 'zz', 'e0%a4%a'])}`,
    '/_api/health',
    `/${'a/'.repeat(r.int(50))}`,
  ]
  const bodies = [
    undefined,
    '',
    '{',
    '{"n": 1',
    '[1,2,',
    JSON.stringify({ n: r.pick(['x', null, 1.5, [], {}, true]) }),
    '{"__proto__": {"polluted": true}, "n": 1}',
    '['.repeat(5000) + ']'.repeat(5000),
    r.bytes(r.int(2048)).toString('latin1'),
    'x'.repeat(r.pick([10, 1024 * 1024 + 10])),
  ]
  const headers: Record<string, string> = {}
  if (r.int(4) > 0) headers['x-client-key'] = r.pick([clientKey, 'bck_nope', ' ', clientKey + 'x'])
  const type = r.pick(TYPES)
  if (type) headers['content-type'] = type
  if (r.int(5) === 0) headers.session = r.bytes(12).toString('base64')
  return { method: r.pick(METHODS), url: r.pick(paths), headers, payload: r.pick(bodies) }
}

describe.each(pgTargets())('fuzzed requests on $name PostgreSQL', (target) => {
  let t: TestServer
  let app: FastifyInstance

  beforeAll(async () => {
    t = await startTestServer(target)
    app = t.server.app
    app.post(
      `${REST}/probe/typed`,
      {
        config: { module: 'db' },
        schema: { body: { type: 'object', properties: { n: { type: 'integer' } } } },
      },
      async (request) => ({ got: request.body ?? null }),
    )
  })
  afterAll(() => t.close())

  it(`answers ${CASES} random malformed requests with JSON errors, never a 500`, async () => {
    const r = prng(20261123)
    const seen = new Set<string>()
    for (let i = 0; i < CASES; i++) {
      const request = randomCase(r, t.clientKey)
      const res = await app.inject(request)
      const label = `case ${i}: ${request.method} ${request.url.slice(0, 60)}`
      expect(res.statusCode, label).toBeLessThan(500)
      if (res.statusCode >= 400 && request.method !== 'HEAD') {
        const body = JSON.parse(res.body) as { errors: Array<Record<string, unknown>> }
        seen.add(String(body.errors[0]?.code))
        expect(body.errors[0], label).toMatchObject({
          origin: 'client_error',
          code: expect.any(String),
          message: expect.any(String),
        })
      }
    }
    // The generator must actually reach each kind of refusal, or the test proves little.
    for (const code of [
      'missing_client_key',
      'invalid_client_key',
      'invalid_json',
      'validation_error',
      'payload_too_large',
      'unsupported_media_type',
      'resource_not_found',
      'invalid_session_token',
    ]) {
      expect(seen, code).toContain(code)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await app.inject({ url: '/_api/health' })).statusCode).toBe(200)
  })

  it('answers malformed HTTP on a real socket with the JSON envelope', async () => {
    const address = await t.server.listen()
    const { port } = new URL(address)
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(text))
        let data = ''
        socket.on('data', (chunk) => (data += chunk.toString()))
        socket.on('end', () => resolve(data))
        socket.on('error', reject)
      })
    const badLength = await raw('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')
    expect(badLength).toMatch(/^HTTP\/1.1 400/)
    expect(JSON.parse(badLength.split('\r\n\r\n')[1]!).errors[0].code).toBe('bad_request')
    const hugeHeader = await raw(
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    )
    expect(hugeHeader).toMatch(/^HTTP\/1.1 431/)
    expect(JSON.parse(hugeHeader.split('\r\n\r\n')[1]!).errors[0].code).toBe('headers_too_large')
    const health = await fetch(`${address}/_api/health`)
    expect(health.status).toBe(200)
  })
})
