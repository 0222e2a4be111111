import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { DatabaseManager } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer, Reply } from './capture-server.js'

// Basalt's client and the published altogic@2.3.9 client run the same database calls against
// the same scripted server: the requests (method, URL, content type and the raw JSON body, so
// key order too) and the results must be identical.

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

/** A script of calls; several calls on one builder check that state is kept the same way. */
type Script = (db: DatabaseManager) => Promise<unknown>[]

const LOOKUP = { name: 'team', modelName: 'teams', query: 'this.team == lookup._id' }
const COUNT = { name: 'n', type: 'count' } as const

const SCRIPTS: [string, Script][] = [
  ['getStats', (db) => [db.getStats()]],
  ['create one', (db) => [db.model('todos').create({ title: 'a' })]],
  ['create several', (db) => [db.model('todos').create([{ title: 'a' }, { title: 'b' }])]],
  ['set', (db) => [db.model('users.profile').set({ bio: 'x' }, 'u1')]],
  ['set returnTop', (db) => [db.model('users.profile').set({ bio: 'x' }, 'u1', true)]],
  ['append', (db) => [db.model('users.addresses').append([{ city: 'c' }], 'u1')]],
  ['get', (db) => [db.model('todos').get()]],
  ['get count info', (db) => [db.model('todos').get(true)]],
  ['getSingle', (db) => [db.model('todos').filter('done == false').getSingle()]],
  ['getRandom', (db) => [db.model('todos').getRandom(2)]],
  ['compute', (db) => [db.model('orders').group(['customer']).compute(COUNT)]],
  ['update', (db) => [db.model('todos').filter('a == 1').update({ done: true })]],
  [
    'updateFields',
    (db) => [db.model('todos').updateFields({ field: 'n', updateType: 'increment', value: 1 })],
  ],
  ['delete', (db) => [db.model('todos').filter('done').delete()]],
  ['searchText', (db) => [db.model('todos').searchText('milk', true)]],
  ['searchFuzzy', (db) => [db.model('todos').limit(5).searchFuzzy('title', 'mlk')]],
  [
    'every modifier',
    (db) => [
      db
        .model('orders')
        .filter('a > 1')
        .filter('total > 2')
        .lookup({ field: 'customer' })
        .lookup(LOOKUP)
        .page(2)
        .limit(10)
        .sort('a', 'asc')
        .sort('b', 'desc')
        .omit('f1', 'f2')
        .omit('f3')
        .group('TOTEXT(day(this.createdAt))')
        .get(),
    ],
  ],
  [
    'a re-used builder',
    (db) => {
      const q = db.model('orders').filter('total > 5').limit(2)
      const calls = [q.get(), q.create({ total: 9 })] // each body is taken when it is called
      return [...calls, q.sort('total', 'desc').omit('secret').delete()]
    },
  ],
  [
    'object get forms',
    (db) => {
      const o = db.model('todos').object('o1')
      return [o.get(), o.get({ cache: '1min' }), o.get([{ field: 'owner' }, LOOKUP]), o.get(null)]
    },
  ],
  ['object get lookups and options', (db) => [db.model('todos').object('o1').get([LOOKUP], {})]],
  ['object get without id', (db) => [db.model('todos').object().get()]],
  [
    'object create',
    (db) => [
      db.model('todos').object('ignored').create({ title: 'a' }),
      db.model('todos').object().create({ title: 'b' }, { cache: '1hour' }),
    ],
  ],
  [
    'object set and append',
    (db) => [
      db.model('users.profile').object().set({ bio: 'x' }, 'u1'),
      db.model('users.profile').object('p1').set({ bio: 'y' }, 'u1', { returnTop: true }),
      db.model('users.addresses').object().append({ city: 'c' }, 'u1', { cache: '1day' }),
    ],
  ],
  [
    'object delete, update, updateFields',
    (db) => {
      const o = db.model('todos').object('o1')
      return [
        o.delete(),
        o.delete({ removeFromCache: false }),
        o.update({ done: true }, { returnTop: true }),
        o.updateFields({ field: 'tags', updateType: 'pop' }),
        o.updateFields([{ field: 'n', updateType: 'max', value: 3 }], { cache: '30sec' }),
      ]
    },
  ],
]

/** Runs `script` on a fresh client and returns its results and the requests it made. */
async function run(published: boolean, script: Script, reply: Reply) {
  const client = published
    ? createPublishedClient(server.url, 'ck')
    : createClient(server.url, 'ck')
  const db = client.db as unknown as DatabaseManager
  const before = server.requests.length
  const calls = script(db)
  server.reply(...calls.map(() => reply)) // before any request can arrive
  const results = await Promise.all(calls)
  const requests = server.requests.slice(before).map((r) => ({
    method: r.method,
    url: r.url,
    contentType: r.headers['content-type'],
    body: r.body,
  }))
  // concurrent requests may arrive in any order
  const key = (r: (typeof requests)[number]) => `${r.url} ${r.body}`
  requests.sort((a, b) => key(a).localeCompare(key(b)))
  return { results, requests }
}

describe.each([
  ['a success answer', json(200, { _id: 'o1', info: { count: 1 }, data: [] })],
  ['an empty answer', { status: 200, body: '' } as Reply],
  ['an error answer', json(404, { errors: [{ origin: 'client_error', code: 'c', message: 'm' }] })],
])('database parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(SCRIPTS)('%s', async (_name, script) => {
    const published = await run(true, script, reply)
    const basalt = await run(false, script, reply)
    expect(published.requests.length).toBeGreaterThan(0)
    expect(basalt).toEqual(published)
  })
})
