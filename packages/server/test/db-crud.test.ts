import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { q, startDbServer } from './db-helpers.js'
import type { DbTestServer } from './db-helpers.js'

const ID = /^[0-9a-f]{24}$/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

describe.each(pgTargets())('database routes on $name PostgreSQL', (target) => {
  let t: DbTestServer
  let alice: { userId: string; token: string }

  beforeAll(async () => {
    t = await startDbServer(target)
    alice = await t.signUp('alice@example.com')
  })
  afterAll(() => t.close())

  const createUsers = async (values: unknown) => {
    const res = await t.call('create', { values, query: q({}), model: 'users' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body
  }

  it('creates an object with system fields, defaults, coerced values and sub-objects', async () => {
    const user = await createUsers({
      name: 'Ada',
      email: 'ada@example.com',
      age: 36,
      score: 9.876,
      tags: ['math', 'engines'],
      profile: { bio: 'First programmer', city: 'London' },
      addresses: [{ city: 'London', zip: '12345' }, { city: 'Paris' }],
    })
    expect(user._id).toMatch(ID)
    expect(user.createdAt).toMatch(ISO)
    expect(user.updatedAt).toBe(user.createdAt)
    expect(user).toMatchObject({
      name: 'Ada',
      age: 36,
      score: 9.88,
      active: true,
      role: 'reader',
      tags: ['math', 'engines'],
      profile: { bio: 'First programmer', city: 'London', _parent: user._id },
    })
    expect(user.joinedAt).toMatch(ISO)
    expect(user.addresses.map((a: { city: string }) => a.city)).toEqual(['London', 'Paris'])
    expect(user.addresses[0]._id).toMatch(ID)
    expect(user.addresses[0]._parent).toBe(user._id)
    const got = await t.call('object/get', {
      options: { cache: 'nocache' },
      id: user._id,
      model: 'users',
    })
    expect(got.body).toEqual(user)
  })

  it('creates a batch all-or-nothing and answers every violation', async () => {
    const bad = await t.call('create', {
      values: [{ name: 'Ok' }, { name: 'X', age: -1, email: 'nope', zzz: undefined }],
      query: q({}),
      model: 'users',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].code).toBe('validation_error')
    const fields = bad.body.errors[0].details.fields
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '1.name', rule: 'minLength' }),
        expect.objectContaining({ field: '1.age', rule: 'min', value: -1 }),
        expect.objectContaining({ field: '1.email', rule: 'format' }),
      ]),
    )
    // A value refused by a rule is not also reported as missing.
    expect(fields).not.toContainEqual(
      expect.objectContaining({ field: '1.name', rule: 'required' }),
    )
    const list = await t.call('get-list', {
      query: q({ expression: "name == 'Ok'" }),
      model: 'users',
    })
    expect(list.body).toEqual([])
  })

  it('refuses unknown fields, models and bad ids with their own codes', async () => {
    const unknownField = await t.call('create', {
      values: { name: 'Bob', agee: 3 },
      query: q({}),
      model: 'users',
    })
    expect(unknownField.status).toBe(400)
    expect(unknownField.body.errors[0]).toMatchObject({
      code: 'unknown_field',
      details: { field: 'agee' },
    })
    const unknownModel = await t.call('get-list', { query: q({}), model: 'nope' })
    expect(unknownModel.status).toBe(404)
    expect(unknownModel.body.errors[0].code).toBe('unknown_model')
    const badId = await t.call('object/get', { options: {}, id: 'xyz', model: 'users' })
    expect(badId.status).toBe(400)
    expect(badId.body.errors[0].code).toBe('invalid_object_id')
    const missing = await t.call('object/get', { options: {}, id: 'a'.repeat(24), model: 'users' })
    expect(missing.status).toBe(200)
    expect(missing.body).toBeNull()
  })

  it('lists with filter, sort, paging, omit and count info', async () => {
    await createUsers(
      ['Lena', 'Mia', 'Noah', 'Olga', 'Paul'].map((name, i) => ({
        name,
        age: 20 + i,
        tags: i % 2 ? ['odd'] : [],
      })),
    )
    const page = await t.call('get-list', {
      query: q({
        expression: "age >= 21 && age <= 24 && !INCLUDES(name, 'x')",
        sort: [{ field: 'age', direction: 'desc' }],
        page: 2,
        limit: 2,
        omit: ['tags', 'profile.city'],
      }),
      returnCountInfo: true,
      model: 'users',
    })
    expect(page.status, JSON.stringify(page.body)).toBe(200)
    expect(page.body.info).toEqual({ count: 4, totalPages: 2, currentPage: 2, pageSize: 2 })
    expect(page.body.data.map((u: { name: string }) => u.name)).toEqual(['Noah', 'Mia'])
    expect(page.body.data[0]).not.toHaveProperty('tags')
    const past = await t.call('get-list', {
      query: q({ expression: 'age >= 21 && age <= 24', page: 9, limit: 2 }),
      returnCountInfo: true,
      model: 'users',
    })
    expect(past.body).toEqual({
      info: { count: 4, totalPages: 2, currentPage: 9, pageSize: 2 },
      data: [],
    })
    const inList = await t.call('get-list', {
      query: q({ expression: "IN(tags, 'odd')" }),
      model: 'users',
    })
    expect(inList.body.map((u: { name: string }) => u.name).sort()).toEqual(['Mia', 'Olga'])
    const single = await t.call('get-single', {
      query: q({ expression: 'age > 21', sort: [{ field: 'name', direction: 'asc' }] }),
      model: 'users',
    })
    expect(single.body.name).toBe('Ada')
    const none = await t.call('get-single', {
      query: q({ expression: 'age > 200' }),
      model: 'users',
    })
    expect(none.body).toBeNull()
    const random = await t.call('get-random', {
      query: q({ expression: 'age >= 20' }),
      count: 3,
      model: 'users',
    })
    expect(random.body).toHaveLength(3)
  })

  it('filters on sub-object paths and object-lists', async () => {
    const byCity = await t.call('get-list', {
      query: q({ expression: "profile.city == 'London'" }),
      model: 'users',
    })
    expect(byCity.body.map((u: { name: string }) => u.name)).toEqual(['Ada'])
    const anyParis = await t.call('get-list', {
      query: q({ expression: "ANYITEMTRUE(addresses, city == 'Paris') && SIZE(addresses) == 2" }),
      model: 'users',
    })
    expect(anyParis.body.map((u: { name: string }) => u.name)).toEqual(['Ada'])
    const sub = await t.call('get-list', {
      query: q({ expression: "city == 'Paris'" }),
      model: 'users.addresses',
    })
    expect(sub.body).toHaveLength(1)
    expect(sub.body[0]).toMatchObject({ city: 'Paris' })
  })

  it('updates by filter and by id, checks read-only and required fields', async () => {
    const res = await t.call('update', {
      values: { active: false },
      query: q({ expression: 'age >= 23' }),
      model: 'users',
    })
    expect(res.body).toEqual({ totalMatch: 3, updated: 3 })
    const [noah] = (
      await t.call('get-list', { query: q({ expression: "name == 'Noah'" }), model: 'users' })
    ).body
    const updated = await t.call('object/update', {
      values: { age: 40, profile: { city: 'Oslo' } },
      options: {},
      id: noah._id,
      model: 'users',
    })
    expect(updated.status, JSON.stringify(updated.body)).toBe(200)
    expect(updated.body).toMatchObject({ age: 40, profile: { city: 'Oslo' } })
    expect(updated.body.updatedAt >= noah.updatedAt).toBe(true)
    const cleared = await t.call('object/update', {
      values: { name: null },
      options: {},
      id: noah._id,
      model: 'users',
    })
    expect(cleared.status).toBe(400)
    expect(cleared.body.errors[0].details.fields[0]).toMatchObject({
      field: 'name',
      rule: 'required',
    })
    const missing = await t.call('object/update', {
      values: { age: 1 },
      options: {},
      id: 'b'.repeat(24),
      model: 'users',
    })
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('object_not_found')
  })

  it('applies every field update type', async () => {
    const user = await createUsers({ name: 'Fields', age: 10, score: 1.5, tags: ['a', 'b', 'c'] })
    const apply = (updates: unknown) =>
      t.call('object/update-fields', { updates, options: {}, id: user._id, model: 'users' })
    let res = await apply([
      { field: 'age', updateType: 'increment', value: 5 },
      { field: 'score', updateType: 'multiply', value: 2 },
      { field: 'tags', updateType: 'push', value: 'd' },
      { field: 'profile.city', updateType: 'set', value: 'Rome' },
    ])
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ age: 15, score: 3, tags: ['a', 'b', 'c', 'd'] })
    res = await apply([
      { field: 'age', updateType: 'decrement', value: 3 },
      { field: 'tags', updateType: 'pull', value: 'b' },
    ])
    expect(res.body).toMatchObject({ age: 12, tags: ['a', 'c', 'd'] })
    res = await apply([{ field: 'tags', updateType: 'pop' }])
    expect(res.body.tags).toEqual(['a', 'c'])
    res = await apply([{ field: 'tags', updateType: 'shift' }])
    expect(res.body.tags).toEqual(['c'])
    res = await apply([
      { field: 'age', updateType: 'min', value: 7 },
      { field: 'score', updateType: 'max', value: 10 },
    ])
    expect(res.body).toMatchObject({ age: 7, score: 10 })
    res = await apply([{ field: 'score', updateType: 'unset' }])
    expect(res.body.score).toBeNull()
    const tooOld = await apply([{ field: 'age', updateType: 'increment', value: 500 }])
    expect(tooOld.status).toBe(400)
    expect(tooOld.body.errors[0].details.fields[0]).toMatchObject({ field: 'age', rule: 'max' })
    const after = await t.call('object/get', { options: {}, id: user._id, model: 'users' })
    expect(after.body.age).toBe(7)
    const system = await apply([{ field: '_id', updateType: 'set', value: 'x' }])
    expect(system.body.errors[0].code).toBe('invalid_query')
    const bulk = await t.call('update-fields', {
      updates: [{ field: 'age', updateType: 'increment', value: 1 }],
      query: q({ expression: "name == 'Fields' || name == 'Lena'" }),
      model: 'users',
    })
    expect(bulk.body).toEqual({ totalMatch: 2, updated: 2 })
  })

  it('sets and appends sub-objects, updates and deletes them by id, returnTop', async () => {
    const user = await createUsers({ name: 'Subby' })
    const set = await t.call('set', {
      values: { bio: 'hi', city: 'Bern' },
      parentId: user._id,
      returnTop: false,
      query: q({}),
      model: 'users.profile',
    })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    expect(set.body).toMatchObject({ bio: 'hi', city: 'Bern', _parent: user._id })
    const appended = await t.call('append', {
      values: [{ city: 'A' }, { city: 'B' }],
      parentId: user._id,
      returnTop: false,
      query: q({}),
      model: 'users.addresses',
    })
    expect(appended.body.map((a: { city: string }) => a.city)).toEqual(['A', 'B'])
    const top = await t.call('object/append', {
      values: { city: 'C' },
      options: { returnTop: true },
      parentId: user._id,
      model: 'users.addresses',
    })
    expect(top.body._id).toBe(user._id)
    expect(top.body.addresses.map((a: { city: string }) => a.city)).toEqual(['A', 'B', 'C'])
    const b = top.body.addresses[1]
    const changed = await t.call('object/update', {
      values: { city: 'B2' },
      options: { returnTop: true },
      id: b._id,
      model: 'users.addresses',
    })
    expect(changed.body.addresses.map((a: { city: string }) => a.city)).toEqual(['A', 'B2', 'C'])
    const deleted = await t.call('object/delete', {
      options: { returnTop: true },
      id: b._id,
      model: 'users.addresses',
    })
    expect(deleted.body.addresses.map((a: { city: string }) => a.city)).toEqual(['A', 'C'])
    const badZip = await t.call('append', {
      values: { city: 'Z', zip: 'abc' },
      parentId: user._id,
      query: q({}),
      model: 'users.addresses',
    })
    expect(badZip.body.errors[0].details.fields[0]).toMatchObject({ field: 'zip', rule: 'pattern' })
    const noParent = await t.call('set', {
      values: {},
      parentId: 'c'.repeat(24),
      query: q({}),
      model: 'users.profile',
    })
    expect(noParent.status).toBe(404)
    const wrongKind = await t.call('set', {
      values: {},
      parentId: user._id,
      query: q({}),
      model: 'users.addresses',
    })
    expect(wrongKind.body.errors[0].code).toBe('invalid_query')
  })

  it('deletes by filter and by id, with sub-objects', async () => {
    const user = await createUsers({ name: 'Gone', addresses: [{ city: 'X' }] })
    const one = await t.call('object/delete', { options: {}, id: user._id, model: 'users' })
    expect(one.status).toBe(200)
    expect(one.body).toBeNull()
    const again = await t.call('object/delete', { options: {}, id: user._id, model: 'users' })
    expect(again.status).toBe(404)
    const orphans = await t.call('get-list', {
      query: q({ expression: "city == 'X'" }),
      model: 'users.addresses',
    })
    expect(orphans.body).toEqual([])
    const many = await t.call('delete', {
      query: q({ expression: "STARTSWITH(name, 'O')" }),
      model: 'users',
    })
    expect(many.body).toEqual({ totalMatch: 1, deleted: 1 })
  })

  it('computes counts, sums and averages per group, sorted and paged', async () => {
    await t.call('create', {
      values: [
        { name: 'G1', role: 'admin', age: 30 },
        { name: 'G2', role: 'admin', age: 50 },
        { name: 'G3', role: 'editor', age: 40 },
      ],
      query: q({}),
      model: 'users',
    })
    const rows = await t.call('compute', {
      query: q({ expression: "STARTSWITH(name, 'G')", group: ['role'] }),
      computations: [
        { name: 'n', type: 'count', sort: 'desc' },
        { name: 'total', type: 'sum', expression: 'age' },
        { name: 'mean', type: 'avg', expression: 'age' },
        { name: 'oldest', type: 'max', expression: 'age' },
        { name: 'over35', type: 'countif', expression: 'age > 35' },
      ],
      model: 'users',
    })
    expect(rows.status, JSON.stringify(rows.body)).toBe(200)
    expect(rows.body).toEqual([
      { groupby: { role: 'admin' }, n: 2, total: 80, mean: 40, oldest: 50, over35: 1 },
      { groupby: { role: 'editor' }, n: 1, total: 40, mean: 40, oldest: 40, over35: 1 },
    ])
    const all = await t.call('compute', {
      query: q({ expression: "STARTSWITH(name, 'G')" }),
      computations: [{ name: 'n', type: 'count' }],
      model: 'users',
    })
    expect(all.body).toEqual([{ groupby: { group: null }, n: 3 }])
    const none = await t.call('compute', {
      query: q({ expression: 'age > 1000' }),
      computations: [{ name: 'n', type: 'count' }],
      model: 'users',
    })
    expect(none.body).toEqual([])
    const byExpression = await t.call('compute', {
      query: q({
        expression: "STARTSWITH(name, 'G')",
        group: "IF(age >= 40, 'old', 'young')",
        limit: 1,
      }),
      computations: [{ name: 'n', type: 'count', sort: 'asc' }],
      model: 'users',
    })
    expect(byExpression.body).toEqual([{ groupby: { group: 'young' }, n: 1 }])
    const noExpression = await t.call('compute', {
      query: q({}),
      computations: [{ name: 's', type: 'sum' }],
      model: 'users',
    })
    expect(noExpression.body.errors[0].code).toBe('invalid_query')
  })

  it('searches text (ORed words, quoted phrases) and fuzzily', async () => {
    const posts = [
      { title: 'Cooking pasta at home', body: 'Boil water, add salt' },
      { title: 'Fixing bicycles', body: 'A chain needs oil' },
      { title: 'Pasta sauces', body: 'Tomato and basil' },
    ].map((p) => ({ ...p, author: alice.userId, published: true }))
    const created = await t.call(
      'create',
      { values: posts, query: q({}), model: 'posts' },
      alice.token,
    )
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    const words = await t.call('search-text', {
      query: q({}),
      returnCountInfo: false,
      text: 'pasta chain',
      model: 'posts',
    })
    expect(words.body).toHaveLength(3)
    const phrase = await t.call('search-text', {
      query: q({}),
      returnCountInfo: true,
      text: '"tomato and basil"',
      model: 'posts',
    })
    expect(phrase.body.info.count).toBe(1)
    expect(phrase.body.data[0].title).toBe('Pasta sauces')
    const fuzzy = await t.call('fuzzy-search', {
      query: q({}),
      text: 'bicycle',
      fieldName: 'title',
      model: 'posts',
    })
    expect(fuzzy.body.map((p: { title: string }) => p.title)).toEqual(['Fixing bicycles'])
    const notSearchable = await t.call('fuzzy-search', {
      query: q({}),
      text: 'x',
      fieldName: 'body',
      model: 'posts',
    })
    expect(notSearchable.body.errors[0].code).toBe('invalid_query')
  })

  it('encrypts encrypted-text fields at rest and answers them decrypted', async () => {
    const user = await createUsers({ name: 'Cipher', secretNote: 'the cake is a lie' })
    expect(user.secretNote).toBe('the cake is a lie')
    const [raw] = await t.server.database.db.query<{ secretNote: string }>(
      'SELECT "secretNote" FROM app.users WHERE _id = $1',
      [user._id],
    )
    expect(raw?.secretNote).toMatch(/^v1:/)
    expect(raw?.secretNote).not.toContain('cake')
    const updated = await t.call('object/update', {
      values: { secretNote: 'no cake' },
      options: {},
      id: user._id,
      model: 'users',
    })
    expect(updated.body.secretNote).toBe('no cake')
    const listed = await t.call('get-list', {
      query: q({ expression: "EXISTS(secretNote) && name == 'Cipher'" }),
      model: 'users',
    })
    expect(listed.body.map((u: { secretNote: string }) => u.secretNote)).toEqual(['no cake'])
    const filtered = await t.call('get-list', {
      query: q({ expression: "secretNote == 'no cake'" }),
      model: 'users',
    })
    expect(filtered.status).toBe(400)
    expect(filtered.body.errors[0].code).toBe('expression_type_error')
    const tooLong = await t.call('object/update', {
      values: { secretNote: 'x'.repeat(101) },
      options: {},
      id: user._id,
      model: 'users',
    })
    expect(tooLong.body.errors[0].details.fields[0]).toMatchObject({ rule: 'maxLength' })
  })

  it('answers stats per model', async () => {
    const stats = await t.call('stats')
    expect(stats.status).toBe(200)
    expect(stats.body.models.map((m: { model: string }) => m.model)).toEqual(
      expect.arrayContaining(['users', 'users.addresses', 'posts', 'comments']),
    )
    expect(typeof stats.body.sizeBytes).toBe('number')
  })
})
