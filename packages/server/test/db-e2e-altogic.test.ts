/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of many shapes */
import { createClient } from 'altogic'
import type { AltogicClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOG_MODELS } from '../../../test-support/blog-models.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The published altogic@2.3.9 client, unmodified, runs every database method against a
// listening Basalt server with the example models (users, posts with object-lists, comments).
const within = <T>(promise: Promise<T>, ms = 5000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ])

type Obj = Record<string, any>

describe.each(pgTargets())('published altogic client: database on $name PostgreSQL', (target) => {
  let t: TestServer
  let client: AltogicClient
  let userId: string

  beforeAll(async () => {
    t = await startTestServer(target, { app: { models: BLOG_MODELS } })
    client = createClient(await t.server.listen(), t.clientKey)
    const { user, errors } = await within(
      client.auth.signUpWithEmail('writer@example.com', 'correct horse 1'),
    )
    expect(errors).toBeNull()
    userId = (user as Obj)._id
  })
  afterAll(() => t.close())

  it('creates, gets, updates and deletes objects through QueryBuilder and DBObject', async () => {
    const posts = client.db.model('posts')
    const created = await within(
      posts.create([
        { title: 'First post', author: userId, published: true, tags: ['a'], likes: 1 },
        { title: 'Second post', author: userId, published: true, tags: ['b'], likes: 5 },
        { title: 'Draft', author: userId, likes: 3 },
      ]),
    )
    expect(created.errors).toBeNull()
    const [first] = created.data as Obj[]
    const one = await within(client.db.model('posts').object(first!._id).get())
    expect((one.data as Obj).title).toBe('First post')

    const made = await within(
      client.db.model('posts').object().create({ title: 'Made by object', author: userId }),
    )
    expect(made.errors).toBeNull()

    const list = await within(
      client.db.model('posts').filter('likes >= 3').sort('likes', 'desc').limit(10).get(true),
    )
    expect(list.errors).toBeNull()
    const page = list.data as Obj
    expect(page.info).toMatchObject({ count: 2, currentPage: 1, pageSize: 10 })
    expect(page.data.map((p: Obj) => p.title)).toEqual(['Second post', 'Draft'])

    const single = await within(client.db.model('posts').filter("title == 'Draft'").getSingle())
    expect((single.data as Obj).likes).toBe(3)
    const random = await within(client.db.model('posts').getRandom(2))
    expect(random.data).toHaveLength(2)

    const updated = await within(
      client.db.model('posts').object(first!._id).update({ title: 'First post, edited' }),
    )
    expect((updated.data as Obj).title).toBe('First post, edited')
    const fields = await within(
      client.db
        .model('posts')
        .object(first!._id)
        .updateFields([
          { field: 'likes', updateType: 'increment', value: 2 },
          { field: 'tags', updateType: 'push', value: 'c' },
        ]),
    )
    expect(fields.data).toMatchObject({ likes: 3, tags: ['a', 'c'] })
    const bulk = await within(
      client.db.model('posts').filter('likes < 100').update({ published: true }),
    )
    expect(bulk.data).toEqual({ totalMatch: 4, updated: 4 })
    const bulkFields = await within(
      client.db
        .model('posts')
        .filter("title == 'Draft'")
        .updateFields({ field: 'likes', updateType: 'multiply', value: 10 }),
    )
    expect(bulkFields.data).toEqual({ totalMatch: 1, updated: 1 })

    const removed = await within(
      client.db
        .model('posts')
        .object((made.data as Obj)._id)
        .delete(),
    )
    expect(removed.errors).toBeNull()
    const removedMany = await within(client.db.model('posts').filter("title == 'Draft'").delete())
    expect(removedMany.data).toEqual({ totalMatch: 1, deleted: 1 })
  })

  it('writes sub-objects with set and append, with returnTop', async () => {
    const users = client.db.model('users')
    const { data: user } = await within(users.object().create({ name: 'Nested' }))
    const id = (user as Obj)._id
    const profile = await within(client.db.model('users.profile').set({ city: 'Lima' }, id))
    expect(profile.data).toMatchObject({ city: 'Lima', _parent: id })
    const appended = await within(
      client.db.model('users.addresses').append([{ city: 'A' }, { city: 'B' }], id),
    )
    expect((appended.data as Obj[]).map((a) => a.city)).toEqual(['A', 'B'])
    const top = await within(
      client.db.model('users.addresses').object().append({ city: 'C' }, id, { returnTop: true }),
    )
    expect((top.data as Obj).addresses.map((a: Obj) => a.city)).toEqual(['A', 'B', 'C'])
    const setTop = await within(
      client.db.model('users.profile').object().set({ city: 'Quito' }, id, { returnTop: true }),
    )
    expect((setTop.data as Obj).profile.city).toBe('Quito')
    const sub = await within(client.db.model('users.addresses').filter("city == 'B'").get())
    const subId = (sub.data as Obj[])[0]!._id
    const subDeleted = await within(
      client.db.model('users.addresses').object(subId).delete({ returnTop: true }),
    )
    expect((subDeleted.data as Obj).addresses.map((a: Obj) => a.city)).toEqual(['A', 'C'])
  })

  it('looks up, computes, searches and answers stats', async () => {
    const { data: post } = await within(
      client.db.model('posts').create({
        title: 'Lookup target post',
        author: userId,
        published: true,
        body: 'gardening tips',
      }),
    )
    const postId = (post as Obj)._id
    await within(
      client.db.model('comments').create([
        { post: postId, author: userId, text: 'Great', rating: 5 },
        { post: postId, author: userId, text: 'Fine', rating: 3 },
      ]),
    )
    const withPost = await within(
      client.db
        .model('comments')
        .lookup({ field: 'post' })
        .filter("post.title == 'Lookup target post'")
        .get(),
    )
    expect((withPost.data as Obj[])[0]!.post.title).toBe('Lookup target post')
    const byObject = await within(
      client.db
        .model('comments')
        .object((withPost.data as Obj[])[0]!._id)
        .get([{ field: 'post' }]),
    )
    expect((byObject.data as Obj).post._id).toBe(postId)
    const stats = await within(
      client.db
        .model('comments')
        .filter(`post == '${postId}'`)
        .group(['post'])
        .compute([
          { name: 'n', type: 'count' },
          { name: 'avgRating', type: 'avg', expression: 'rating' },
        ]),
    )
    expect(stats.data).toEqual([{ groupby: { post: postId }, n: 2, avgRating: 4 }])
    const found = await within(client.db.model('posts').searchText('gardening'))
    expect((found.data as Obj[]).map((p) => p.title)).toEqual(['Lookup target post'])
    const fuzzy = await within(client.db.model('posts').searchFuzzy('title', 'lookup targt'))
    expect((fuzzy.data as Obj[])[0]?.title).toBe('Lookup target post')
    const dbStats = await within(client.db.getStats())
    expect(dbStats.errors).toBeNull()
    expect((dbStats.data as Obj).models.length).toBeGreaterThan(3)
  })

  it('gets clear errors for bad input', async () => {
    const bad = await within(client.db.model('posts').filter('likes >>> 2').get())
    expect(bad.errors?.status).toBe(400)
    expect(bad.errors?.items[0]).toMatchObject({ code: 'expression_syntax_error' })
    const closed = await within(client.db.model('secrets').get())
    expect(closed.errors?.items[0]).toMatchObject({ code: 'model_closed' })
  })
})
