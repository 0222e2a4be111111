import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createBasalt, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The GitHub provider (plain OAuth 2.0: no ID token, the profile from /user and /user/emails)
// against a node:http fake of GitHub's token and API endpoints, wired in through the URL
// overrides. Basalt is driven with app.inject(); the browser's part is played by the test.

const APP_URL = 'https://app.test/done'
const PUBLIC_URL = 'https://basalt.test'
const CALLBACK = `${PUBLIC_URL}/_auth/github/callback`
const CLIENT = { id: 'gh-client', secret: 'gh-secret' }

type GitHubUser = { id: number; login: string; name: string | null; avatar_url: string }
type GitHubEmail = { email: string; primary: boolean; verified: boolean }

/** A fake GitHub: codes it has "issued", what it answers for them, and the requests it saw. */
class FakeGitHub {
  readonly codes = new Map<string, { challenge: string; user: GitHubUser; emails: GitHubEmail[] }>()
  readonly tokenRequests: URLSearchParams[] = []
  readonly #tokens = new Map<string, { user: GitHubUser; emails: GitHubEmail[] }>()
  server!: Server
  base = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.#handle(req, res))
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.method === 'POST' && req.url === '/login/oauth/access_token') {
      let body = ''
      for await (const chunk of req) body += chunk
      const form = new URLSearchParams(body)
      this.tokenRequests.push(form)
      const issued = this.codes.get(form.get('code') ?? '')
      const verifier = form.get('code_verifier') ?? ''
      const challenge = createHash('sha256').update(verifier).digest('base64url')
      // GitHub answers token errors with 200 and an `error` member.
      if (
        !issued ||
        issued.challenge !== challenge ||
        form.get('client_secret') !== CLIENT.secret
      ) {
        return json(200, { error: 'bad_verification_code' })
      }
      this.codes.delete(form.get('code')!)
      const token = `gho_${Math.random().toString(36).slice(2)}`
      this.#tokens.set(token, issued)
      return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' })
    }
    const account = this.#tokens.get(req.headers.authorization?.replace(/^Bearer /, '') ?? '')
    if (!account) return json(401, { message: 'Bad credentials' })
    if (req.url === '/user') return json(200, { ...account.user, email: null })
    if (req.url === '/user/emails') return json(200, account.emails)
    json(404, { message: 'Not Found' })
  }
}

describe.each(pgTargets())('OAuth sign-in with GitHub (faked) on $name PostgreSQL', (target) => {
  const github = new FakeGitHub()
  let t: TestServer
  const octo: GitHubUser = {
    id: 4242,
    login: 'octo',
    name: null,
    avatar_url: 'https://avatars.example/u/4242',
  }

  beforeAll(async () => {
    await github.start()
    t = await startTestServer(target, {
      publicUrl: PUBLIC_URL,
      app: {
        auth: {
          redirectUrl: APP_URL,
          redirectUrls: ['https://app.test/agnost/'],
          oauth: oauthConfig(),
        },
      },
    })
  })
  afterAll(async () => {
    await t?.close()
    github.server?.closeAllConnections()
    await new Promise((resolve) => github.server?.close(resolve))
  })
  beforeEach(() => void (github.tokenRequests.length = 0))

  const oauthConfig = () => ({
    github: {
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      authorizationUrl: `${github.base}/login/oauth/authorize`,
      tokenUrl: `${github.base}/login/oauth/access_token`,
      userInfoUrl: `${github.base}/user`,
    },
  })

  /** GET /_auth/github: the authorization URL and the binding cookie. */
  async function start() {
    const res = await t.server.app.inject({ method: 'GET', url: '/_auth/github' })
    expect(res.statusCode).toBe(302)
    const cookie = String(res.headers['set-cookie']).split(';')[0]!
    return { authorize: new URL(String(res.headers.location)), cookie }
  }

  /** GitHub "approves": a code for `user` bound to the request's PKCE challenge. */
  function approve(authorize: URL, user: GitHubUser, emails: GitHubEmail[]): string {
    const code = `code-${Math.random().toString(36).slice(2)}`
    github.codes.set(code, {
      challenge: authorize.searchParams.get('code_challenge')!,
      user,
      emails,
    })
    return code
  }

  /** The browser back at Basalt's callback; answers the query of the app URL it is sent to. */
  async function callback(query: Record<string, string>, cookie: string) {
    const res = await t.server.app.inject({
      method: 'GET',
      url: `/_auth/github/callback?${new URLSearchParams(query)}`,
      headers: { cookie },
    })
    expect(res.statusCode, res.body).toBe(302)
    const location = new URL(String(res.headers.location))
    expect(location.origin + location.pathname).toBe(APP_URL)
    return Object.fromEntries(location.searchParams)
  }

  async function grant(token: string) {
    const res = await t.server.app.inject({
      method: 'GET',
      url: `/_api/rest/v1/auth/grant?key=${token}`,
      headers: { 'x-client-key': t.clientKey },
    })
    return res.json()
  }

  it('sends the browser back to the redirect an Agnost start named (allow-listed)', async () => {
    const own = 'https://app.test/agnost/oauth-done'
    const res = await t.server.app.inject({
      url: `/agnost/oauth/github?redirect=${encodeURIComponent(own)}&base=x`,
    })
    expect(res.statusCode).toBe(302)
    const authorize = new URL(String(res.headers.location))
    const cookie = String(res.headers['set-cookie']).split(';')[0]!
    const code = approve(authorize, { ...octo, id: 5151, login: 'agnost' }, [
      { email: 'agnost@octo.test', primary: true, verified: true },
    ])
    const back = await t.server.app.inject({
      url: `/_auth/github/callback?${new URLSearchParams({ code, state: authorize.searchParams.get('state')! })}`,
      headers: { cookie },
    })
    expect(back.statusCode, back.body).toBe(302)
    const location = new URL(String(back.headers.location))
    expect(location.origin + location.pathname).toBe(own)
    expect(location.searchParams.get('action')).toBe('oauth-signin')
    expect((await grant(location.searchParams.get('access_token')!)).user.email).toBe(
      'agnost@octo.test',
    )
    const refused = await t.server.app.inject({
      url: `/agnost/oauth/github?redirect=${encodeURIComponent('https://evil.test/')}`,
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().errors[0].code).toBe('redirect_not_allowed')
  })

  it('asks GitHub for the code with PKCE S256, no nonce, and the default scopes', async () => {
    const { authorize, cookie } = await start()
    expect(authorize.origin + authorize.pathname).toBe(`${github.base}/login/oauth/authorize`)
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: CLIENT.id,
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'read:user user:email',
      code_challenge_method: 'S256',
    })
    expect(authorize.searchParams.has('nonce')).toBe(false)
    // publicUrl is https: the binding cookie must survive a cross-site return.
    expect(cookie).toMatch(/^basalt_oauth=[\w-]{43}$/)
  })

  it('signs in through the token endpoint and /user, /user/emails', async () => {
    const { authorize, cookie } = await start()
    const emails = [
      { email: 'old@octo.test', primary: false, verified: true },
      { email: 'octo@octo.test', primary: true, verified: true },
    ]
    const code = approve(authorize, octo, emails)
    const state = authorize.searchParams.get('state')!
    const query = await callback({ code, state }, cookie)
    expect(query.action).toBe('oauth-signin')

    const [tokenRequest] = github.tokenRequests
    expect(Object.fromEntries(tokenRequest!)).toMatchObject({
      grant_type: 'authorization_code',
      code,
      redirect_uri: CALLBACK,
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
    })
    const body = await grant(query.access_token!)
    expect(body.user).toMatchObject({
      provider: 'github',
      providerUserId: '4242',
      email: 'octo@octo.test',
      emailVerified: true,
      name: 'octo',
      profilePicture: 'https://avatars.example/u/4242',
    })
    expect(body.session.token).toBeTruthy()
  })

  it('keeps an unverified GitHub email unverified, and never links on it', async () => {
    const unverified = [{ email: 'taken@x.test', primary: true, verified: false }]
    const first = await start()
    const created = await callback(
      {
        code: approve(first.authorize, { ...octo, id: 7, login: 'seven' }, unverified),
        state: first.authorize.searchParams.get('state')!,
      },
      first.cookie,
    )
    expect((await grant(created.access_token!)).user).toMatchObject({
      email: 'taken@x.test',
      emailVerified: false,
    })

    // Another GitHub account claiming the same (unverified) address gets no way in.
    const second = await start()
    const refused = await callback(
      {
        code: approve(second.authorize, { ...octo, id: 8, login: 'eight' }, unverified),
        state: second.authorize.searchParams.get('state')!,
      },
      second.cookie,
    )
    expect(refused).toEqual({ error: 'email_already_exists', action: 'oauth-signin' })
  })

  it('turns a refused code into oauth_exchange_failed and a provider error into oauth_denied', async () => {
    const bad = await start()
    const failed = await callback(
      { code: 'never-issued', state: bad.authorize.searchParams.get('state')! },
      bad.cookie,
    )
    expect(failed).toEqual({ error: 'oauth_exchange_failed', action: 'oauth-signin' })

    const denied = await start()
    const answer = await callback(
      {
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        state: denied.authorize.searchParams.get('state')!,
      },
      denied.cookie,
    )
    expect(answer).toEqual({ error: 'oauth_denied', action: 'oauth-signin' })
    expect(github.tokenRequests).toHaveLength(1) // the denied sign-in asked for no token
  })

  it('refuses a callback without the binding cookie or with an unknown state', async () => {
    const { authorize } = await start()
    const code = approve(authorize, octo, [])
    const state = authorize.searchParams.get('state')!
    expect(await callback({ code, state }, 'basalt_oauth=someone-else')).toEqual({
      error: 'oauth_invalid_state',
      action: 'oauth-signin',
    })
    expect(await callback({ code }, 'basalt_oauth=x')).toMatchObject({
      error: 'oauth_invalid_state',
    })
    expect(github.tokenRequests).toHaveLength(0)
  })

  it('finishes in another process on the same database; JSON without a redirect URL', async () => {
    const { authorize, cookie } = await start()
    const other = await createBasalt(
      parseServerConfig({
        ...DEFAULT_CONFIG,
        port: 0,
        logLevel: 'silent',
        dataDir: join(tmpdir(), 'basalt-unused-data'),
        databaseUrl: t.database.url,
        publicUrl: PUBLIC_URL,
        app: { auth: { oauth: oauthConfig() } },
      }),
    )
    try {
      const code = approve(authorize, { ...octo, id: 99, login: 'other' }, [])
      const res = await other.app.inject({
        method: 'GET',
        url: `/_auth/github/callback?code=${code}&state=${authorize.searchParams.get('state')}`,
        headers: { cookie },
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ action: 'oauth-signin', accessToken: expect.any(String) })
      expect((await grant(res.json().accessToken)).user.providerUserId).toBe('99')
    } finally {
      await other.close()
    }
  })

  it('answers JSON 404 for a provider that is not configured', async () => {
    const res = await t.server.app.inject({ method: 'GET', url: '/_auth/discord' })
    expect(res.statusCode).toBe(404)
    expect(res.json().errors[0]).toMatchObject({
      code: 'oauth_provider_not_configured',
      details: { provider: 'discord' },
    })
  })
})
