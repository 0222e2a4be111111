import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { DatabaseManager, DBObject, GetOptions } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
let db: DatabaseManager
beforeAll(async () => {
  server = await startCaptureServer()
  db = createClient(server.url, 'ck').db
})
afterAll(() => server.close())

const OBJECT = '/_api/rest/v1/db/object'
const NO_CACHE = { cache: 'nocache' }
const WRITE_DEFAULTS = { cache: 'nocache', returnTop: false }
const DELETE_DEFAULTS = { removeFromCache: true, returnTop: false }
const LOOKUPS = [
  { field: 'owner' },
  { name: 'team', modelName: 'teams', query: 'this.t == lookup._id' },
]
const VALUES = { title: 'a' }
const INC = { field: 'views', updateType: 'increment', value: 1 } as const
const UNSET = { field: 'note', updateType: 'unset' } as const

/**
 * Every DBObject call on model `todos`, with id `o1` unless `id` says otherwise: path and body
 * in the key order the published client sends (compared as the raw JSON text).
 */
const CALLS: {
  name: string
  id?: string
  call: (o: DBObject) => Promise<unknown>
  path: string
  body: object
  answer: unknown
}[] = [
  {
    name: 'get',
    call: (o) => o.get(),
    path: 'get',
    body: { options: NO_CACHE, id: 'o1', model: 'todos' },
    answer: { _id: 'o1', title: 'a' },
  },
  {
    name: 'get (options)',
    call: (o) => o.get({ cache: '1min' }),
    path: 'get',
    body: { options: { cache: '1min' }, id: 'o1', model: 'todos' },
    answer: null,
  },
  {
    name: 'get (null: the options)',
    call: (o) => o.get(null),
    path: 'get',
    body: { options: NO_CACHE, id: 'o1', model: 'todos' },
    answer: null,
  },
  {
    name: 'get (lookups)',
    call: (o) => o.get(LOOKUPS),
    path: 'get',
    body: { options: NO_CACHE, id: 'o1', lookups: LOOKUPS, model: 'todos' },
    answer: { _id: 'o1', owner: { _id: 'u1' } },
  },
  {
    name: 'get (lookups and options)',
    call: (o) => o.get([{ field: 'owner' }], { cache: '5mins' }),
    path: 'get',
    body: { options: { cache: '5mins' }, id: 'o1', lookups: [{ field: 'owner' }], model: 'todos' },
    answer: {},
  },
  {
    name: 'get (unknown option keys kept after the defaults)',
    call: (o) => o.get({ extra: 1, cache: 'noexpiry' } as GetOptions),
    path: 'get',
    body: { options: { cache: 'noexpiry', extra: 1 }, id: 'o1', model: 'todos' },
    answer: {},
  },
  {
    name: 'get (no id: left out)',
    id: undefined,
    call: (o) => o.get(),
    path: 'get',
    body: { options: NO_CACHE, model: 'todos' },
    answer: null,
  },
  {
    name: 'create (the id is not sent)',
    call: (o) => o.create(VALUES),
    path: 'create',
    body: { values: VALUES, options: WRITE_DEFAULTS, model: 'todos' },
    answer: { _id: 'new1', title: 'a' },
  },
  {
    name: 'create (options)',
    call: (o) => o.create(VALUES, { cache: '1hour' }),
    path: 'create',
    body: { values: VALUES, options: { cache: '1hour', returnTop: false }, model: 'todos' },
    answer: { _id: 'new1' },
  },
  {
    name: 'set (no id)',
    id: undefined,
    call: (o) => o.set(VALUES, 'p1'),
    path: 'set',
    body: { values: VALUES, options: WRITE_DEFAULTS, parentId: 'p1', model: 'todos' },
    answer: { _id: 's1', _parent: 'p1' },
  },
  {
    name: 'set (id, returnTop)',
    call: (o) => o.set(VALUES, 'p1', { returnTop: true }),
    path: 'set',
    body: {
      values: VALUES,
      options: { cache: 'nocache', returnTop: true },
      id: 'o1',
      parentId: 'p1',
      model: 'todos',
    },
    answer: { _id: 'p1' },
  },
  {
    name: 'append',
    id: undefined,
    call: (o) => o.append(VALUES, 'p1'),
    path: 'append',
    body: { values: VALUES, options: WRITE_DEFAULTS, parentId: 'p1', model: 'todos' },
    answer: { _id: 'c1', _parent: 'p1' },
  },
  {
    name: 'append (id, options)',
    call: (o) => o.append(VALUES, 'p1', { cache: '1day', returnTop: true }),
    path: 'append',
    body: {
      values: VALUES,
      options: { cache: '1day', returnTop: true },
      id: 'o1',
      parentId: 'p1',
      model: 'todos',
    },
    answer: { _id: 'p1' },
  },
  {
    name: 'delete',
    call: (o) => o.delete(),
    path: 'delete',
    body: { options: DELETE_DEFAULTS, id: 'o1', model: 'todos' },
    answer: null,
  },
  {
    name: 'delete (options)',
    call: (o) => o.delete({ removeFromCache: false, returnTop: true }),
    path: 'delete',
    body: { options: { removeFromCache: false, returnTop: true }, id: 'o1', model: 'todos' },
    answer: { _id: 'top' },
  },
  {
    name: 'update',
    call: (o) => o.update(VALUES),
    path: 'update',
    body: { values: VALUES, options: WRITE_DEFAULTS, id: 'o1', model: 'todos' },
    answer: { _id: 'o1', title: 'a' },
  },
  {
    name: 'update (options)',
    call: (o) => o.update(VALUES, { returnTop: true }),
    path: 'update',
    body: {
      values: VALUES,
      options: { cache: 'nocache', returnTop: true },
      id: 'o1',
      model: 'todos',
    },
    answer: { _id: 'top' },
  },
  {
    name: 'updateFields (one)',
    call: (o) => o.updateFields(INC),
    path: 'update-fields',
    body: { updates: [INC], options: WRITE_DEFAULTS, id: 'o1', model: 'todos' },
    answer: { _id: 'o1', views: 2 },
  },
  {
    name: 'updateFields (several, options)',
    call: (o) => o.updateFields([INC, UNSET], { cache: '30sec' }),
    path: 'update-fields',
    body: {
      updates: [INC, UNSET],
      options: { cache: '30sec', returnTop: false },
      id: 'o1',
      model: 'todos',
    },
    answer: { _id: 'o1' },
  },
]

/** The object of a case: id `o1` unless the case names one (or none). */
const objectOf = (c: (typeof CALLS)[number]) => db.model('todos').object('id' in c ? c.id : 'o1')

describe('DBObject', () => {
  it.each(CALLS)('$name: POST, exact body, answer passed through', async (c) => {
    server.reply(json(200, c.answer))
    const result = await c.call(objectOf(c))
    const request = server.last()
    expect([request.method, request.url]).toEqual(['POST', `${OBJECT}/${c.path}`])
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.body).toBe(JSON.stringify(c.body))
    expect(result).toEqual({ data: c.answer, errors: null })
  })

  it.each(CALLS)('$name: returns the server errors', async (c) => {
    const items = [{ origin: 'client_error', code: 'object_not_found', message: 'm' }]
    server.reply(json(404, { errors: items }, 'Not Found'))
    const result = await c.call(objectOf(c))
    expect(result).toEqual({ data: null, errors: { status: 404, statusText: 'Not Found', items } })
  })

  it('does not change the caller option objects', async () => {
    const options = { returnTop: true }
    await db.model('todos').object('o1').update(VALUES, options)
    expect(options).toEqual({ returnTop: true })
  })
})
