import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, DBObject } from '../src/index.js'
import type { DatabaseManager, QueryBuilder } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
let db: DatabaseManager
beforeAll(async () => {
  server = await startCaptureServer()
  db = createClient(server.url, 'ck').db
})
afterAll(() => server.close())

const DB = '/_api/rest/v1/db'
const NO_QUERY = {
  expression: null,
  lookups: null,
  page: null,
  limit: null,
  sort: null,
  omit: null,
  group: null,
}
const TODO = { title: 'a', done: false }
const COUNT = { name: 'n', type: 'count' } as const
const SUM = { name: 's', type: 'sum', expression: 'amount', sort: 'desc' } as const
const INC = { field: 'views', updateType: 'increment', value: 2 } as const
const POP = { field: 'tags', updateType: 'pop' } as const

/**
 * Every terminal call on a fresh builder of model `todos`: path and body, written in the key
 * order the published client sends (compared as the raw JSON text).
 */
const CALLS: {
  name: string
  call: (q: QueryBuilder) => Promise<unknown>
  path: string
  body: object
  answer: unknown
}[] = [
  {
    name: 'create (one)',
    call: (q) => q.create(TODO),
    path: 'create',
    body: { values: TODO, query: NO_QUERY, model: 'todos' },
    answer: { _id: 'o1', ...TODO },
  },
  {
    name: 'create (several)',
    call: (q) => q.create([TODO, { title: 'b' }]),
    path: 'create',
    body: { values: [TODO, { title: 'b' }], query: NO_QUERY, model: 'todos' },
    answer: [{ _id: 'o1' }, { _id: 'o2' }],
  },
  {
    name: 'set',
    call: (q) => q.set(TODO, 'p1'),
    path: 'set',
    body: { values: TODO, parentId: 'p1', returnTop: false, query: NO_QUERY, model: 'todos' },
    answer: { _id: 's1', _parent: 'p1' },
  },
  {
    name: 'set (returnTop)',
    call: (q) => q.set(TODO, 'p1', true),
    path: 'set',
    body: { values: TODO, parentId: 'p1', returnTop: true, query: NO_QUERY, model: 'todos' },
    answer: { _id: 'p1', sub: { _id: 's1' } },
  },
  {
    name: 'append (one)',
    call: (q) => q.append(TODO, 'p1'),
    path: 'append',
    body: { values: TODO, parentId: 'p1', returnTop: false, query: NO_QUERY, model: 'todos' },
    answer: { _id: 'c1' },
  },
  {
    name: 'append (several, returnTop)',
    call: (q) => q.append([TODO, TODO], 'p1', true),
    path: 'append',
    body: {
      values: [TODO, TODO],
      parentId: 'p1',
      returnTop: true,
      query: NO_QUERY,
      model: 'todos',
    },
    answer: { _id: 'p1', list: [] },
  },
  {
    name: 'get',
    call: (q) => q.get(),
    path: 'get-list',
    body: { query: NO_QUERY, returnCountInfo: false, model: 'todos' },
    answer: [{ _id: 'o1' }],
  },
  {
    name: 'get (count info)',
    call: (q) => q.get(true),
    path: 'get-list',
    body: { query: NO_QUERY, returnCountInfo: true, model: 'todos' },
    answer: { info: { count: 1, totalPages: 1, currentPage: 1, pageSize: 100 }, data: [{}] },
  },
  {
    name: 'getSingle',
    call: (q) => q.getSingle(),
    path: 'get-single',
    body: { query: NO_QUERY, model: 'todos' },
    answer: null,
  },
  {
    name: 'getRandom',
    call: (q) => q.getRandom(3),
    path: 'get-random',
    body: { query: NO_QUERY, count: 3, model: 'todos' },
    answer: [{ _id: 'o2' }],
  },
  {
    name: 'compute (one computation)',
    call: (q) => q.compute(COUNT),
    path: 'compute',
    body: { query: NO_QUERY, computations: [COUNT], model: 'todos' },
    answer: [{ groupby: { group: null }, n: 4 }],
  },
  {
    name: 'compute (several)',
    call: (q) => q.compute([COUNT, SUM]),
    path: 'compute',
    body: { query: NO_QUERY, computations: [COUNT, SUM], model: 'todos' },
    answer: [],
  },
  {
    name: 'update',
    call: (q) => q.update({ done: true }),
    path: 'update',
    body: { values: { done: true }, query: NO_QUERY, model: 'todos' },
    answer: { totalMatch: 3, updated: 2 },
  },
  {
    name: 'updateFields (one)',
    call: (q) => q.updateFields(INC),
    path: 'update-fields',
    body: { updates: [INC], query: NO_QUERY, model: 'todos' },
    answer: { totalMatch: 1, updated: 1 },
  },
  {
    name: 'updateFields (several)',
    call: (q) => q.updateFields([INC, POP]),
    path: 'update-fields',
    body: { updates: [INC, POP], query: NO_QUERY, model: 'todos' },
    answer: { totalMatch: 0, updated: 0 },
  },
  {
    name: 'delete',
    call: (q) => q.delete(),
    path: 'delete',
    body: { query: NO_QUERY, model: 'todos' },
    answer: { totalMatch: 5, deleted: 5 },
  },
  {
    name: 'searchText',
    call: (q) => q.searchText('red "big box"'),
    path: 'search-text',
    body: { query: NO_QUERY, returnCountInfo: false, text: 'red "big box"', model: 'todos' },
    answer: [{ _id: 'o3' }],
  },
  {
    name: 'searchText (count info)',
    call: (q) => q.searchText('red', true),
    path: 'search-text',
    body: { query: NO_QUERY, returnCountInfo: true, text: 'red', model: 'todos' },
    answer: { info: { count: 0, totalPages: 0, currentPage: 1, pageSize: 100 }, data: [] },
  },
  {
    name: 'searchFuzzy',
    call: (q) => q.searchFuzzy('title', 'helo'),
    path: 'fuzzy-search',
    body: { query: NO_QUERY, text: 'helo', fieldName: 'title', model: 'todos' },
    answer: [],
  },
]

describe('QueryBuilder terminal calls', () => {
  it.each(CALLS)('$name: POST, exact body, answer passed through', async (c) => {
    server.reply(json(200, c.answer))
    const result = await c.call(db.model('todos'))
    const request = server.last()
    expect([request.method, request.url]).toEqual(['POST', `${DB}/${c.path}`])
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.body).toBe(JSON.stringify(c.body))
    expect(result).toEqual({ data: c.answer, errors: null })
  })

  it.each(CALLS)('$name: returns the server errors', async (c) => {
    const items = [{ origin: 'client_error', code: 'unknown_model', message: 'm' }]
    server.reply(json(404, { errors: items }, 'Not Found'))
    const result = await c.call(db.model('todos'))
    expect(result).toEqual({ data: null, errors: { status: 404, statusText: 'Not Found', items } })
  })

  it('sends a sub-model dot path as the model', async () => {
    await db.model('users.addresses').getSingle()
    expect(server.last().body).toBe(JSON.stringify({ query: NO_QUERY, model: 'users.addresses' }))
  })
})

describe('QueryBuilder modifiers', () => {
  /** The `query` of the last request. */
  const lastQuery = () => (JSON.parse(server.last().body) as { query: unknown }).query

  it('chain on the same builder and fill every key of query', async () => {
    const q = db.model('orders')
    const chained = q
      .filter('a > 1')
      .filter('b > 2')
      .lookup({ field: 'customer' })
      .lookup({ name: 'x', modelName: 'm', query: 'this.a == lookup._id' })
      .page(1)
      .page(2)
      .limit(10)
      .sort('a', 'asc')
      .sort('b', 'desc')
      .omit('f1', 'f2')
      .omit('f3')
      .group(['g'])
    expect(chained).toBe(q)
    await q.get()
    // the query captured from altogic@2.3.9 with the same modifiers (protocol §3.2)
    const captured =
      '{"expression":"b > 2",' +
      '"lookups":[{"field":"customer"},' +
      '{"name":"x","modelName":"m","query":"this.a == lookup._id"}],' +
      '"page":2,"limit":10,' +
      '"sort":[{"field":"a","direction":"asc"},{"field":"b","direction":"desc"}],' +
      '"omit":["f1","f2","f3"],' +
      '"group":["g"]}'
    expect(server.last().body).toBe(
      `{"query":${captured},"returnCountInfo":false,"model":"orders"}`,
    )
  })

  it('send a group expression as a string', async () => {
    await db.model('orders').group('TOTEXT(day(this.createdAt))').compute(COUNT)
    expect(lastQuery()).toEqual({ ...NO_QUERY, group: 'TOTEXT(day(this.createdAt))' })
  })

  it('send an empty omit list for omit()', async () => {
    await db.model('orders').omit().get()
    expect(lastQuery()).toEqual({ ...NO_QUERY, omit: [] })
  })

  it('persist across terminal calls, create included (as published)', async () => {
    const q = db.model('orders').filter('total > 5').limit(2)
    await q.get()
    await q.create({ total: 9 })
    await q.sort('total', 'desc').delete()
    const [get, create, del] = server.requests.slice(-3).map((r) => JSON.parse(r.body))
    expect(get.query).toEqual({ ...NO_QUERY, expression: 'total > 5', limit: 2 })
    expect(create.query).toEqual(get.query)
    expect(del.query).toEqual({ ...get.query, sort: [{ field: 'total', direction: 'desc' }] })
  })

  it('are not shared between builders of the same model', async () => {
    db.model('orders').filter('a == 1')
    await db.model('orders').get()
    expect(lastQuery()).toEqual(NO_QUERY)
  })

  it('send the state of the moment of the call', async () => {
    const q = db.model('orders').filter('a == 1')
    const pending = q.get()
    q.filter('a == 2')
    await pending
    expect(lastQuery()).toEqual({ ...NO_QUERY, expression: 'a == 1' })
  })

  it('object(id) returns a DBObject on the same model, without the modifiers', async () => {
    const object = db.model('orders').filter('a == 1').object('o1')
    expect(object).toBeInstanceOf(DBObject)
    await object.get()
    const body = { options: { cache: 'nocache' }, id: 'o1', model: 'orders' }
    expect(server.last().body).toBe(JSON.stringify(body))
  })
})
