import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { q, startDbServer } from './db-helpers.js'
import type { DbTestServer } from './db-helpers.js'

describe.each(pgTargets())(
  'database access rules and hostile input on $name PostgreSQL',
  (target) => {
    let t: DbTestServer
    let alice: { userId: string; token: string }
    let bob: { userId: string; token: string }
    let alicePost: { _id: string }
    let draftId: string

    beforeAll(async () => {
      t = await startDbServer(target)
      alice = await t.signUp('alice@example.com')
      bob = await t.signUp('bob@example.com')
      const res = await t.call(
        'create',
        {
          values: [
            { title: 'Alice public', author: alice.userId, published: true, slug: 'a1' },
            { title: 'Alice draft', author: alice.userId, published: false, slug: 'a2' },
          ],
          query: q({}),
          model: 'posts',
        },
        alice.token,
      )
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      alicePost = res.body[0]
      draftId = res.body[1]._id
    })
    afterAll(() => t.close())

    const titles = (body: { title: string }[]) => body.map((p) => p.title).sort()

    it('refuses a model without rules, and says how to open it', async () => {
      const res = await t.call('get-list', { query: q({}), model: 'secrets' })
      expect(res.status).toBe(403)
      expect(res.body.errors[0].code).toBe('model_closed')
      expect(res.body.errors[0].message).toContain('access: { read:')
      const appCode = await t.server.db.app()
      expect(appCode.caller.kind).toBe('app')
    })

    it('reads only what the read rule allows, for each caller', async () => {
      const anonymous = await t.call('get-list', { query: q({}), model: 'posts' })
      expect(titles(anonymous.body)).toEqual(['Alice public'])
      const owner = await t.call('get-list', { query: q({}), model: 'posts' }, alice.token)
      expect(titles(owner.body)).toEqual(['Alice draft', 'Alice public'])
      const other = await t.call('get-list', { query: q({}), model: 'posts' }, bob.token)
      expect(titles(other.body)).toEqual(['Alice public'])
      const count = await t.call('compute', {
        query: q({}),
        computations: [{ name: 'n', type: 'count' }],
        model: 'posts',
      })
      expect(count.body).toEqual([{ groupby: { group: null }, n: 1 }])
    })

    it('binds each caller its own session in a filter compiled once', async () => {
      const mine = (token?: string) =>
        t.call(
          'get-list',
          { query: q({ expression: 'this.author == session.userId' }), model: 'posts' },
          token,
        )
      expect(titles((await mine(alice.token)).body)).toEqual(['Alice draft', 'Alice public'])
      expect((await mine(bob.token)).body).toEqual([])
      expect((await mine()).body).toEqual([])
      expect(titles((await mine(alice.token)).body)).toEqual(['Alice draft', 'Alice public'])
    })

    it('creates only what the create rule allows', async () => {
      const anonymous = await t.call('create', {
        values: { title: 'x', author: alice.userId },
        query: q({}),
        model: 'posts',
      })
      expect(anonymous.status).toBe(403)
      expect(anonymous.body.errors[0].code).toBe('access_denied')
      const impostor = await t.call(
        'object/create',
        { values: { title: 'x', author: alice.userId }, options: {}, model: 'posts' },
        bob.token,
      )
      expect(impostor.status).toBe(403)
    })

    it('updates and deletes only what the rules allow', async () => {
      const bobUpdate = await t.call(
        'update',
        { values: { likes: 99 }, query: q({}), model: 'posts' },
        bob.token,
      )
      expect(bobUpdate.body).toEqual({ totalMatch: 0, updated: 0 })
      const bobById = await t.call(
        'object/update',
        { values: { likes: 99 }, options: {}, id: alicePost._id, model: 'posts' },
        bob.token,
      )
      expect(bobById.status).toBe(404)
      const bobDelete = await t.call('delete', { query: q({}), model: 'posts' }, bob.token)
      expect(bobDelete.body).toEqual({ totalMatch: 0, deleted: 0 })
      const aliceUpdate = await t.call(
        'object/update-fields',
        {
          updates: [{ field: 'likes', updateType: 'increment', value: 1 }],
          options: {},
          id: alicePost._id,
          model: 'posts',
        },
        alice.token,
      )
      expect(aliceUpdate.body.likes).toBe(1)
      const bobAppend = await t.call(
        'append',
        {
          values: { name: 'x.png' },
          parentId: alicePost._id,
          query: q({}),
          model: 'posts.attachments',
        },
        bob.token,
      )
      expect(bobAppend.status).toBe(404)
      const aliceAppend = await t.call(
        'append',
        {
          values: { name: 'x.png' },
          parentId: alicePost._id,
          query: q({}),
          model: 'posts.attachments',
        },
        alice.token,
      )
      expect(aliceAppend.status).toBe(200)
    })

    it('keeps read-only, unique and custom rules on every write path', async () => {
      const slug = await t.call(
        'object/update',
        { values: { slug: 'changed' }, options: {}, id: alicePost._id, model: 'posts' },
        alice.token,
      )
      expect(slug.body.errors[0].details.fields[0]).toMatchObject({
        field: 'slug',
        rule: 'readOnly',
      })
      const dup = await t.call(
        'create',
        {
          values: { title: 'Dup', author: alice.userId, slug: 'a1' },
          query: q({}),
          model: 'posts',
        },
        alice.token,
      )
      expect(dup.status).toBe(409)
      expect(dup.body.errors[0]).toMatchObject({
        code: 'duplicate_value',
        details: { field: 'slug' },
      })
      const shouting = await t.call(
        'create',
        { values: { title: 'LOUD TITLE', author: alice.userId }, query: q({}), model: 'posts' },
        alice.token,
      )
      expect(shouting.status).toBe(400)
      expect(shouting.body.errors[0].details.fields[0]).toMatchObject({
        field: 'title',
        rule: 'noShouting',
        message: 'Title must not be all capitals: LOUD TITLE',
      })
      const shoutingUpdate = await t.call(
        'object/update',
        { values: { title: 'LOUD AGAIN' }, options: {}, id: alicePost._id, model: 'posts' },
        alice.token,
      )
      expect(shoutingUpdate.body.errors[0].details.fields[0].rule).toBe('noShouting')
      const unchanged = await t.call('object/get', {
        options: {},
        id: alicePost._id,
        model: 'posts',
      })
      expect(unchanged.body.title).toBe('Alice public')
    })

    it('looks up references and complex matches; lookups hide what the target rule hides', async () => {
      await t.call(
        'create',
        {
          values: { post: alicePost._id, author: bob.userId, text: 'Nice', rating: 5 },
          query: q({}),
          model: 'comments',
        },
        bob.token,
      )
      const list = await t.call('get-list', {
        query: q({
          lookups: [
            { field: 'post' },
            { name: 'sameAuthorPosts', modelName: 'posts', query: 'lookup.author == this.author' },
          ],
          expression: "post.title == 'Alice public' && !EXISTS(sameAuthorPosts)",
        }),
        model: 'comments',
      })
      expect(list.status, JSON.stringify(list.body)).toBe(200)
      expect(list.body).toHaveLength(1)
      expect(list.body[0].post).toMatchObject({ _id: alicePost._id, title: 'Alice public' })
      expect(list.body[0]).not.toHaveProperty('sameAuthorPosts')
      // A draft is hidden from Bob: filtering through the reference must not reveal it.
      await t.call(
        'create',
        {
          values: { post: draftId, author: bob.userId, text: 'On a draft' },
          query: q({}),
          model: 'comments',
        },
        bob.token,
      )
      const probe = (session?: string) =>
        t.call(
          'get-list',
          { query: q({ expression: "post.title == 'Alice draft'" }), model: 'comments' },
          session,
        )
      expect((await probe(bob.token)).body).toEqual([])
      expect((await probe(alice.token)).body).toHaveLength(1)
      const probeLookup = await t.call(
        'get-list',
        {
          query: q({
            lookups: [
              {
                name: 'draft',
                modelName: 'posts',
                query: "lookup._id == this.post && lookup.title == 'Alice draft'",
              },
            ],
            expression: 'EXISTS(draft)',
          }),
          model: 'comments',
        },
        bob.token,
      )
      expect(probeLookup.body).toEqual([])
      const clash = await t.call('get-list', {
        query: q({ lookups: [{ name: 'text', modelName: 'posts', query: 'true' }] }),
        model: 'comments',
      })
      expect(clash.body.errors[0].code).toBe('invalid_query')
    })

    it('answers hostile expressions, fields and sorts with clear 4xx errors and changes nothing', async () => {
      const attempts: [string, Record<string, unknown>][] = [
        ['get-list', { query: q({ expression: "title == ''; DROP TABLE app.posts; --'" }) }],
        ['get-list', { query: q({ expression: 'title == "x" OR 1=1' }) }],
        ['get-list', { query: q({ expression: '"a"b' }) }],
        [
          'get-list',
          { query: q({ sort: [{ field: 'title; DROP TABLE app.posts', direction: 'asc' }] }) },
        ],
        ['get-list', { query: q({ sort: [{ field: 'ti"tle', direction: 'asc' }] }) }],
        ['get-list', { query: q({ omit: ["title'); DROP TABLE app.posts; --"] }) }],
        ['get-list', { query: q({ expression: 'agee > 1' }) }],
        ['get-list', { query: q({ expression: 'NOSUCHFN(1)' }) }],
        ['get-list', { query: q({ expression: 'RAND() > 0.5' }) }],
        ['get-list', { query: q({ lookups: [{ field: 'title"; DROP TABLE x; --' }] }) }],
        ['get-list', { query: q({ expression: 'x'.repeat(5000) }) }],
        ['get-list', { query: q({ expression: '('.repeat(200) + '1' + ')'.repeat(200) }) }],
        ['get-list', { query: q({ limit: 100000 }) }],
        ['get-list', { query: q({ expression: '1 / 0 == 1 && LOG(-1, 10) == 1' }) }],
        [
          'compute',
          {
            query: q({ group: 'title; DROP TABLE app.posts' }),
            computations: [{ name: 'n', type: 'count' }],
          },
        ],
        [
          'compute',
          { query: q({ group: ['nope'] }), computations: [{ name: 'n', type: 'count' }] },
        ],
        [
          'update-fields',
          { query: q({}), updates: [{ field: 'title" = 1; --', updateType: 'set', value: 1 }] },
        ],
      ]
      for (const [route, body] of attempts) {
        const res = await t.call(route, { ...body, model: 'posts' }, alice.token)
        expect(
          res.status,
          `${route} ${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(res.body)}`,
        ).toBeLessThan(500)
        if (res.status >= 400) {
          expect(res.body.errors[0].message).not.toMatch(
            /SELECT|syntax error at or near|relation "/,
          )
        }
      }
      const after = await t.call('get-list', { query: q({}), model: 'posts' }, alice.token)
      expect(after.body.length).toBeGreaterThanOrEqual(2)
      const unknownField = await t.call('get-list', {
        query: q({ expression: 'agee > 1' }),
        model: 'posts',
      })
      expect(unknownField.body.errors[0]).toMatchObject({ code: 'unknown_field' })
      expect(unknownField.body.errors[0].message).toContain("'agee'")
    })
  },
)
