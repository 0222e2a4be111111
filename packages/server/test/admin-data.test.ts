import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOG_MODELS } from '../../../test-support/blog-models.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

const MISSING_ID = '0123456789abcdef01234567'

describe.each(pgTargets())('admin data on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target, { app: { models: BLOG_MODELS } })
  })
  afterAll(() => s?.close())

  const create = async (model: string, values: Record<string, unknown>) => {
    const answer = await s.call('POST', `/models/${model}/objects`, values)
    expect(answer.status).toBe(201)
    return answer.body as Record<string, unknown> & { _id: string }
  }

  it('describes the top-level models and their fields', async () => {
    const answer = await s.call('GET', '/models')
    expect(answer.status).toBe(200)
    const names = answer.body.items.map((m: { name: string }) => m.name)
    expect(names).toEqual(['users', 'posts', 'comments', 'secrets'])
    const fields = (model: string) =>
      answer.body.items.find((m: { name: string }) => m.name === model).fields
    const users = fields('users')
    expect(users.find((f: { name: string }) => f.name === 'name')).toEqual({
      name: 'name',
      type: 'text',
      required: true,
      readOnly: false,
      unique: false,
    })
    expect(users.find((f: { name: string }) => f.name === 'role')).toMatchObject({
      type: 'option',
      values: ['admin', 'editor', 'reader'],
    })
    expect(users.find((f: { name: string }) => f.name === 'tags').itemType).toBe('text')
    expect(users.find((f: { name: string }) => f.name === 'email').unique).toBe(true)
    expect(users.find((f: { name: string }) => f.name === 'addresses')).toMatchObject({
      type: 'object-list',
      fields: [{ name: 'city', required: true }, { name: 'zip' }],
    })
    const posts = fields('posts')
    expect(posts.find((f: { name: string }) => f.name === 'author')).toMatchObject({
      type: 'reference',
      reference: 'users',
    })
    expect(posts.find((f: { name: string }) => f.name === 'slug').readOnly).toBe(true)
  })

  it('creates, reads, updates and deletes objects with full rights', async () => {
    // `secrets` has no access rule: closed to client keys, open to the admin.
    const secret = await create('secrets', { value: 'hidden' })
    expect(secret).toMatchObject({ value: 'hidden' })
    expect(secret._id).toMatch(/^[0-9a-f]{24}$/)

    const read = await s.call('GET', `/models/secrets/objects/${secret._id}`)
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ _id: secret._id, value: 'hidden' })

    const updated = await s.call('PATCH', `/models/secrets/objects/${secret._id}`, {
      value: 'changed',
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ _id: secret._id, value: 'changed' })

    const deleted = await s.call('DELETE', `/models/secrets/objects/${secret._id}`)
    expect(deleted.status).toBe(204)
    const gone = await s.call('GET', `/models/secrets/objects/${secret._id}`)
    expect(gone.status).toBe(404)
    expect(gone.body.errors[0].code).toBe('object_not_found')
    const deletedAgain = await s.call('DELETE', `/models/secrets/objects/${secret._id}`)
    expect(deletedAgain.body.errors[0].code).toBe('object_not_found')
    const updateMissing = await s.call('PATCH', `/models/secrets/objects/${MISSING_ID}`, {})
    expect(updateMissing.body.errors[0].code).toBe('object_not_found')
  })

  it('lists a page of objects with a filter and a sort', async () => {
    for (const [name, age] of [
      ['Ann', 30],
      ['Ben', 20],
      ['Cid', 40],
      ['Dot', 25],
    ] as const) {
      await create('users', { name, age })
    }
    const sorted = await s.call('GET', '/models/users/objects?sort=age:desc&size=2')
    expect(sorted.status).toBe(200)
    expect(sorted.body).toMatchObject({ page: 1, size: 2, total: 4 })
    expect(sorted.body.items.map((u: { name: string }) => u.name)).toEqual(['Cid', 'Ann'])
    const next = await s.call('GET', '/models/users/objects?sort=age:desc&size=2&page=2')
    expect(next.body.items.map((u: { name: string }) => u.name)).toEqual(['Dot', 'Ben'])

    const filter = encodeURIComponent('age >= 25')
    const filtered = await s.call('GET', `/models/users/objects?filter=${filter}&sort=name`)
    expect(filtered.body.total).toBe(3)
    expect(filtered.body.items.map((u: { name: string }) => u.name)).toEqual(['Ann', 'Cid', 'Dot'])
    const past = await s.call('GET', '/models/users/objects?page=9')
    expect(past.body).toMatchObject({ items: [], total: 4, page: 9 })
  })

  it('keeps the validation code and names the field in details.field', async () => {
    const missing = await s.call('POST', '/models/users/objects', { age: 3 })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]).toMatchObject({
      code: 'validation_error',
      details: { field: 'name' },
    })
    expect(missing.body.errors[0].details.fields[0]).toMatchObject({ field: 'name' })

    const user = await create('users', { name: 'Eve', age: 33 })
    const tooOld = await s.call('PATCH', `/models/users/objects/${user._id}`, { age: 500 })
    expect(tooOld.status).toBe(400)
    expect(tooOld.body.errors[0]).toMatchObject({
      code: 'validation_error',
      details: { field: 'age' },
    })
    const unknown = await s.call('POST', '/models/users/objects', { name: 'Fay', shoeSize: 9 })
    expect(unknown.body.errors[0]).toMatchObject({
      code: 'unknown_field',
      details: { field: 'shoeSize' },
    })
    await create('users', { name: 'Gil', email: 'gil@example.test' })
    const duplicate = await s.call('POST', '/models/users/objects', {
      name: 'Gil 2',
      email: 'gil@example.test',
    })
    expect(duplicate.status).toBe(409)
    expect(duplicate.body.errors[0]).toMatchObject({
      code: 'duplicate_value',
      details: { field: 'email' },
    })
  })

  it('answers the expression error codes for a bad filter, and 400 for a bad sort', async () => {
    const syntax = await s.call(
      'GET',
      `/models/users/objects?filter=${encodeURIComponent('age >')}`,
    )
    expect(syntax.status).toBe(400)
    expect(syntax.body.errors[0].code).toBe('expression_syntax_error')
    expect(syntax.body.errors[0].message).toMatch(/column/)
    const badSort = await s.call('GET', '/models/users/objects?sort=age:sideways')
    expect(badSort.status).toBe(400)
    expect(badSort.body.errors[0]).toMatchObject({
      code: 'validation_error',
      details: { field: 'sort' },
    })
    const unknownSort = await s.call('GET', '/models/users/objects?sort=shoeSize')
    expect(unknownSort.status).toBe(400)
    expect(unknownSort.body.errors[0].code).toBe('unknown_field')
    const badSize = await s.call('GET', '/models/users/objects?size=0')
    expect(badSize.body.errors[0].code).toBe('validation_error')
  })

  it('answers 404 unknown_model for unknown models and sub-models, 400 for a bad id', async () => {
    for (const path of [
      '/models/nothing/objects',
      `/models/nothing/objects/${MISSING_ID}`,
      '/models/users.addresses/objects',
    ]) {
      const answer = await s.call('GET', path)
      expect(answer.status).toBe(404)
      expect(answer.body.errors[0].code).toBe('unknown_model')
    }
    const created = await s.call('POST', '/models/nothing/objects', { a: 1 })
    expect(created.body.errors[0].code).toBe('unknown_model')
    const badId = await s.call('GET', '/models/users/objects/not-an-id')
    expect(badId.status).toBe(400)
    expect(badId.body.errors[0].code).toBe('invalid_object_id')
    const notAnObject = await s.call('POST', '/models/users/objects', [{ name: 'Hal' }])
    expect(notAnObject.status).toBe(400)
    expect(notAnObject.body.errors[0].code).toBe('validation_error')
  })

  it('refuses calls without the admin token', async () => {
    const answer = await s.call('GET', '/models', undefined, { authorization: '' })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('admin_session_required')
  })
})
