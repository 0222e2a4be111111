import { createKey } from '@basalt/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openAgnostSocket } from '../src/agnost/agnost-socket.js'
import { mergeOptions } from '../src/options.js'
import { createAgnostClient, Fetcher } from '../src/index.js'
import type { AgnostClient } from '../src/index.js'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// createAgnostClient against a listening Basalt server: the `/agnost/...` routes with an API key.

describe('createAgnostClient against a Basalt server', () => {
  let t: TestServer
  let url: string
  let apiKey: string
  let client: AgnostClient

  beforeAll(async () => {
    const auth = { redirectUrl: 'http://app.test/after', redirectUrls: ['http://app.test/agnost/'] }
    t = await startTestServer(pgTargets()[0]!, { app: { auth } })
    const config = { apiKey: 'required' as const }
    t.server.app.post('/orders', { config }, async (request) => ({ got: request.body }))
    url = await t.server.listen()
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
    client = createAgnostClient(url, apiKey, { localStorage: memoryStorage() })
  })
  afterAll(() => t?.close())

  it('signs up, gets the user, signs out, signs in again', async () => {
    const up = await client.auth.signUpWithEmail('agnost@x.test', 'password-1', undefined, {
      name: 'Agn',
    })
    expect(up.errors).toBeNull()
    expect(up.user).toMatchObject({ email: 'agnost@x.test', name: 'Agn' })
    expect(client.auth.getSession()?.token).toBe(up.session?.token)
    expect((await client.auth.getUserFromDB()).user).toMatchObject({ email: 'agnost@x.test' })
    expect(await client.auth.signOut()).toEqual({ errors: null })
    expect(client.auth.getSession()).toBeNull()
    expect((await client.auth.getUserFromDB()).errors?.status).toBe(401)

    const signedIn = await client.auth.signInWithEmail('agnost@x.test', 'password-1')
    expect(signedIn.errors).toBeNull()
    expect((await client.auth.getAllSessions()).sessions?.length).toBe(1)
  })

  it('sends a magic link with an allowed redirectURL, refusing another one', async () => {
    const redirect = 'http://app.test/agnost/callback'
    expect(await client.auth.sendMagicLinkEmail('agnost@x.test', redirect)).toEqual({
      errors: null,
    })
    const link = linkIn((await latestMail(t.server.database.db, 'agnost@x.test')).body)
    const followed = await fetch(`${url}${link.pathname}${link.search}`, { redirect: 'manual' })
    // The followed link lands on the redirect it was sent with, not the app's default.
    const location = new URL(followed.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(redirect)
    expect(location.searchParams.get('action')).toBe('magic-link')
    const granted = await client.auth.getAuthGrant(location.searchParams.get('access_token')!)
    expect(granted.user?.email).toBe('agnost@x.test')

    const refused = await client.auth.sendMagicLinkEmail('agnost@x.test', 'http://evil.test/')
    expect(refused.errors?.items[0]?.code).toBe('redirect_not_allowed')
  })

  it('refuses a wrong API key', async () => {
    const wrong = createAgnostClient(url, 'bak_wrong', { localStorage: memoryStorage() })
    const { errors } = await wrong.auth.signInWithEmail('agnost@x.test', 'password-1')
    expect(errors?.status).toBe(401)
    expect(errors?.items[0]?.code).toBe('invalid_api_key')
  })

  it('uploads a Blob and refuses the same name without upsert', async () => {
    const bucket = client.storage('main').bucket('agnost-e2e')
    const blob = new Blob(['hello agnost'], { type: 'text/plain' })
    const { data, errors } = await bucket.upload('hello.txt', blob, { isPublic: true })
    expect(errors).toBeNull()
    expect(data).toMatchObject({ storageId: 'main', path: 'hello.txt', size: 12, isPublic: true })
    const again = await bucket.upload('hello.txt', blob)
    expect(again.errors?.items[0]?.code).toBe('file_already_exists')
    const replaced = await bucket.upload('hello.txt', new Blob(['hi']), { upsert: true })
    expect(replaced.data).toMatchObject({ size: 2 })
  })

  it('calls an app endpoint that requires the API key', async () => {
    expect(await client.endpoint.post('/orders', { item: 1 })).toEqual({
      data: { got: { item: 1 } },
      errors: null,
    })
  })

  it('opens the Agnost realtime socket on the server, refused with a wrong key', async () => {
    const settings = (key: string) => ({ ...mergeOptions(), apiKey: key })
    const owner = { auth: { invalidateSession: () => {} } }
    const fetcher = new Fetcher(owner, url, {})
    const socket = openAgnostSocket(fetcher, settings(apiKey))
    const wrong = openAgnostSocket(fetcher, settings('bak_wrong'))
    try {
      await new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(undefined))
        socket.once('connect_error', reject)
      })
      const refused = await new Promise<{ data?: { code?: string } }>((resolve) =>
        wrong.once('connect_error', resolve),
      )
      expect(refused.data?.code).toBe('invalid_api_key')
    } finally {
      socket.close()
      wrong.close()
    }
  })

  it('exchanges channel messages through client.realtime, with 3-argument user events', async () => {
    const options = { localStorage: memoryStorage() }
    const alice = createAgnostClient(url, apiKey, options)
    const bob = createAgnostClient(url, apiKey, options)
    try {
      alice.realtime.join('room')
      await new Promise<void>((resolve) => alice.realtime.onJoin(() => resolve()))
      const received = new Promise<unknown>((resolve) =>
        alice.realtime.on('greeting', (payload: unknown) => resolve(payload)),
      )
      bob.realtime.send('room', 'greeting', { text: 'hi' })
      expect(await received).toEqual({ channel: 'room', message: { text: 'hi' } })
      const { data } = await alice.realtime.getMembers('room')
      expect(data?.length).toBe(1)

      // A user's sockets get `user:*` events as (eventName, session, user).
      const up = await alice.auth.signUpWithEmail('events@x.test', 'password-1')
      const watcher = createAgnostClient(url, apiKey, options)
      watcher.auth.setSession(up.session!)
      const event = new Promise<unknown[]>((resolve) =>
        watcher.auth.onUserEvent((...args: unknown[]) => resolve(args)),
      )
      await new Promise<void>((resolve) => watcher.realtime.onConnect(() => resolve()))
      await bob.auth.signInWithEmail('events@x.test', 'password-1')
      const [name, session, user] = await event
      expect(name).toBe('user:signin')
      expect(session).toMatchObject({ userId: up.user!._id })
      expect(user).toMatchObject({ email: 'events@x.test' })
      watcher.realtime.close()
    } finally {
      alice.realtime.close()
      bob.realtime.close()
    }
  })
})
