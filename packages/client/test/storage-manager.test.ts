import { describe, expect, it } from 'vitest'
import { BucketManager, createClient, FileManager, StorageManager } from '../src/index.js'
import { listArguments } from '../src/storage/list-arguments.js'
import { progressStream } from '../src/storage/progress-stream.js'
import {
  encodeObjectBody,
  isJsonType,
  queryOptions,
  UPLOAD_DEFAULTS,
} from '../src/storage/upload-body.js'

// The storage managers without a server: a recording fetch answers every request.

interface Sent {
  url: string
  init: RequestInit
}

/** A client whose fetch records requests and answers `body` with `status`. */
function recordingClient(status = 200, body = '{"ok":true}') {
  const sent: Sent[] = []
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({ url, init })
    return new Response(body, { status, headers: { 'content-type': 'application/json' } })
  }
  return { client: createClient('http://h.test/e:1', 'ck', { fetch }), sent }
}

describe('client.storage', () => {
  it('is one StorageManager per client, handing out bucket and file managers', () => {
    const { client } = recordingClient()
    expect(client.storage).toBeInstanceOf(StorageManager)
    expect(client.storage).toBe(client.storage)
    expect(client.storage.root).toBeInstanceOf(BucketManager)
    expect(client.storage.bucket('b').file('f')).toBeInstanceOf(FileManager)
  })

  it('answers root exists locally, for storage.root and bucket("root")', async () => {
    const { client, sent } = recordingClient(500, '{}')
    expect(await client.storage.root.exists()).toEqual({ data: true, errors: null })
    expect(await client.storage.bucket('root').exists()).toEqual({ data: true, errors: null })
    expect(sent).toHaveLength(0)
  })

  it('asks the server about any other bucket, names being case-sensitive', async () => {
    const { client, sent } = recordingClient(200, 'false')
    expect(await client.storage.bucket('Root').exists()).toEqual({ data: false, errors: null })
    expect(sent[0]!.url).toBe('http://h.test/e:1/_api/rest/v1/storage/bucket/exists')
    expect(sent[0]!.init.body).toBe('{"bucket":"Root"}')
  })

  it('returns only errors from empty, delete and deleteFiles, and everything from deleteFile', async () => {
    const { client } = recordingClient(200, '{"deleted":1}')
    const bucket = client.storage.bucket('b')
    expect(await bucket.empty()).toEqual({ errors: null })
    expect(await bucket.delete()).toEqual({ errors: null })
    expect(await bucket.deleteFiles(['a'])).toEqual({ errors: null })
    expect(await bucket.file('a').delete()).toEqual({ errors: null })
    expect(await client.storage.deleteFile('u')).toEqual({ data: { deleted: 1 }, errors: null })
  })

  it('passes server errors through', async () => {
    const error = { origin: 'client_error', code: 'bucket_not_found', message: 'm' }
    const { client } = recordingClient(404, JSON.stringify({ errors: [error] }))
    const { data, errors } = await client.storage.bucket('nope').getInfo()
    expect(data).toBeNull()
    expect(errors).toEqual({ status: 404, statusText: 'Bad Request', items: [error] })
    expect(await client.storage.bucket('nope').delete()).toEqual({ errors })
  })

  it('downloads with the blob resolve type', async () => {
    const { client } = recordingClient(200, 'raw')
    const { data } = await client.storage.bucket('b').file('f').download()
    expect(data).toBeInstanceOf(Blob)
    expect(await data?.text()).toBe('raw')
  })
})

describe('list argument juggling (as published)', () => {
  const options = { limit: 2 }
  it.each([
    ['nothing', undefined, undefined, { expression: null, options: null }],
    ['an expression', 'a == 1', undefined, { expression: 'a == 1', options: null }],
    ['both', 'a == 1', options, { expression: 'a == 1', options }],
    ['options first', options, undefined, { expression: null, options }],
    ['options first and second', { page: 1 }, options, { expression: null, options }],
    ['an empty expression', '', options, { expression: null, options }],
    ['null', null, null, { expression: null, options: null }],
  ])('%s', (_name, expression, second, expected) => {
    expect(listArguments(expression as string, second)).toEqual(expected)
  })

  it('ignores options that are not objects', () => {
    expect(listArguments('x', 5 as unknown as object)).toEqual({ expression: 'x', options: null })
  })

  it('sends them to list-files with the bucket last', async () => {
    const { client, sent } = recordingClient()
    await client.storage.bucket('b').listFiles({ returnCountInfo: true })
    expect(sent[0]!.init.body).toBe(
      '{"expression":null,"options":{"returnCountInfo":true},"bucket":"b"}',
    )
  })
})

describe('upload options and bodies', () => {
  it('merges the options over the defaults and drops onProgress', () => {
    const merged = queryOptions(UPLOAD_DEFAULTS, { tags: ['a'], onProgress: () => {} })
    expect(JSON.stringify(merged)).toBe(
      '{"contentType":"text/plain;charset=UTF-8","createBucket":false,"tags":["a"]}',
    )
    expect(queryOptions(UPLOAD_DEFAULTS, undefined)).toEqual({ ...UPLOAD_DEFAULTS })
  })

  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/vnd.api+json', true],
    ['text/plain', false],
    ['application/jsonp', false],
    [undefined, false],
  ])('treats %s as JSON: %s', (type, json) => {
    expect(isJsonType(type)).toBe(json)
  })

  it('encodes a value JSON cannot hold as its string form', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const { bytes } = encodeObjectBody(circular, 'text/plain')
    expect(new TextDecoder().decode(bytes)).toBe('[object Object]')
  })

  it('reports nothing for an empty progress stream', async () => {
    const calls: number[][] = []
    const stream = progressStream(new Uint8Array(0), (...a) => calls.push(a))
    expect(await new Response(stream).arrayBuffer()).toHaveProperty('byteLength', 0)
    expect(calls).toEqual([])
  })

  it('reports each piece as the reader takes it', async () => {
    const calls: number[][] = []
    const stream = progressStream(new Uint8Array(100_000), (...a) => calls.push(a))
    const reader = stream.getReader()
    expect(calls).toEqual([]) // nothing is read ahead
    await reader.read()
    expect(calls).toEqual([[65_536, 100_000, 66]])
    await reader.read()
    expect((await reader.read()).done).toBe(true)
    expect(calls[1]).toEqual([100_000, 100_000, 100])
  })
})
