import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from '../src/index.js'
import type {
  APIError,
  EndpointResult,
  MessageInfo,
  MessageResult,
  ResolveType,
  TaskInfo,
  TaskResult,
} from '../src/index.js'

// Type-level checks. vitest runs them as no-ops (it does not type-check, and `tsc -b` does not
// cover test/); check them with `npx tsc --noEmit --strict --module nodenext --moduleResolution
// nodenext --target es2023 --lib es2023,dom --skipLibCheck --types node <this file>`.
// The calls go to a fetch that answers `null` at once.

interface Order {
  id: string
  total: number
}

const answerNull = async () => new Response('null')
const client = () => createClient('http://127.0.0.1:1', 'ck', { fetch: answerNull })

describe('endpoint types', () => {
  it('json data is `any` by default and the type argument when given', async () => {
    const e = client().endpoint
    const untyped = await e.get('/orders')
    expectTypeOf(untyped.data).toBeAny()
    expectTypeOf(untyped.errors).toEqualTypeOf<APIError | null>()
    expectTypeOf(await e.get<Order>('/orders/1')).toEqualTypeOf<EndpointResult<Order>>()
    expectTypeOf(await e.post<Order[]>('/orders', { a: 1 })).toEqualTypeOf<
      EndpointResult<Order[]>
    >()
    expectTypeOf(
      (await e.put<Order>('/o', null, { a: 1 }, { H: 'v' }, 'json')).data,
    ).toEqualTypeOf<Order | null>()
    expectTypeOf((await e.delete<{ n: number }>('/o')).data).toEqualTypeOf<{ n: number } | null>()
  })

  it('text, blob and arraybuffer type data as string, Blob and ArrayBuffer', async () => {
    const e = client().endpoint
    expectTypeOf((await e.get('/r', {}, {}, 'text')).data).toEqualTypeOf<string | null>()
    expectTypeOf((await e.post('/r', {}, {}, {}, 'blob')).data).toEqualTypeOf<Blob | null>()
    expectTypeOf(
      (await e.put('/r', undefined, undefined, undefined, 'arraybuffer')).data,
    ).toEqualTypeOf<ArrayBuffer | null>()
    const type = 'text' as ResolveType
    expectTypeOf((await e.get('/r', null, null, type)).data).toBeAny() // any | string | ...
    // with an explicit T the resolve type is 'json' unless given as the second argument
    // @ts-expect-error 'text' is not 'json'
    void e.get<Order>('/r', null, null, 'text')
    expectTypeOf(
      (await e.delete<Order, ResolveType>('/r', null, null, null, type)).data,
    ).toEqualTypeOf<Order | string | Blob | ArrayBuffer | null>()
  })

  it('bodies are objects, arrays, FormData, Blobs or null', () => {
    const e = client().endpoint
    void e.post('/a', new FormData())
    void e.put('/a', new Blob(['x']))
    void e.post('/a', [1, 2])
    void e.delete('/a', null)
    // @ts-expect-error a string body is not an object
    void e.post('/a', 'text')
    // @ts-expect-error an unknown resolve type
    void e.get('/a', {}, {}, 'xml')
  })
})

describe('queue and task types', () => {
  it('resolve {info, errors}', async () => {
    const c = client()
    const submitted = await c.queue.submitMessage('q', { a: 1 }, 10)
    expectTypeOf(submitted).toEqualTypeOf<MessageResult>()
    expectTypeOf(submitted.info).toEqualTypeOf<MessageInfo | null>()
    expectTypeOf((await c.queue.getMessageStatus('m')).info?.status).toEqualTypeOf<
      'pending' | 'processing' | 'completed' | 'errors' | undefined
    >()
    expectTypeOf(await c.task.runOnce('t')).toEqualTypeOf<TaskResult>()
    expectTypeOf((await c.task.getTaskStatus('t')).info).toEqualTypeOf<TaskInfo | null>()
    expectTypeOf(submitted.errors).toEqualTypeOf<APIError | null>()
  })
})
