import { generateKeyPairSync } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from 'altogic'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The whole authorization-code flow against a real OpenID Connect provider (oidc-provider, on
// loopback in this process), configured in Basalt as the generic `oidc` provider `test-idp`.
// A small cookie-keeping "browser" follows the redirects; the login interaction is answered
// by the test (`nextLogin`), and consent is pre-granted by loadExistingGrant.

const APP_URL = 'http://app.test/after-auth'
const CLIENT = { id: 'basalt-app', secret: 'basalt-app-secret-0123456789' }
// Basalt's `apple` provider, pointed at the same IdP: it answers by form POST, as Apple does.
const APPLE = { id: 'apple-services-id', secret: 'apple-client-secret-jwt-stand-in' }

type Claims = { email: string; email_verified: boolean; name?: string }

const accounts = new Map<string, Claims>([
  ['alice-sub', { email: 'alice@idp.test', email_verified: true, name: 'Alice Idp' }],
  ['bob-sub', { email: 'bob@x.test', email_verified: true, name: 'Bob' }],
  ['mallory-sub', { email: 'carol@x.test', email_verified: false, name: 'Not Carol' }],
  ['dana-sub', { email: 'dana@apple.test', email_verified: true }],
])

/** What the IdP's login page answers next: an account, or an error such as access_denied. */
let nextLogin: { accountId: string } | { error: string } = { accountId: 'alice-sub' }

/** A browser: keeps cookies per host and follows redirects until `stop` says so. */
class Browser {
  readonly #jar = new Map<string, Map<string, string>>()

  async get(url: string): Promise<Response> {
    return this.request(url)
  }

  /** Submits a form as a browser would: a urlencoded POST with the cookies of its host. */
  async post(url: string, form: URLSearchParams): Promise<Response> {
    return this.request(url, { method: 'POST', body: form })
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url)
    const jar = this.#jar.get(target.host) ?? new Map<string, string>()
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
    const res = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const value = pair.slice(eq + 1)
      if (value) jar.set(pair.slice(0, eq), value)
      else jar.delete(pair.slice(0, eq))
    }
    this.#jar.set(target.host, jar)
    return res
  }

  /** Follows redirects from `url`; answers the first location `stop` accepts, unvisited. */
  async follow(url: string, stop: (location: string) => boolean): Promise<string> {
    let next = url
    for (let hop = 0; hop < 10; hop++) {
      const res = await this.get(next)
      const location = res.headers.get('location')
      if (!location) throw new Error(`${next} answered ${res.status}: ${await res.text()}`)
      next = new URL(location, next).href
      if (stop(next)) return next
    }
    throw new Error('too many redirects')
  }

  /** Follows redirects from `url` to a self-submitting form page (`response_mode=form_post`). */
  async followToForm(url: string): Promise<{ action: string; fields: URLSearchParams }> {
    let res = await this.get(url)
    for (let hop = 0; res.headers.get('location') && hop < 10; hop++) {
      res = await this.get(new URL(res.headers.get('location')!, res.url || url).href)
    }
    const html = await res.text()
    const action = html.match(/<form method="post" action="([^"]+)"/)?.[1]
    if (!action) throw new Error(`no form in ${res.status}: ${html}`)
    const fields = new URLSearchParams()
    for (const [, name, value] of html.matchAll(
      /<input type="hidden" name="(\w+)" value="([^"]*)"/g,
    )) {
      fields.set(name!, unescapeHtml(value!))
    }
    return { action: unescapeHtml(action), fields }
  }
}

function unescapeHtml(text: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_whole, name: string) => entities[name]!)
}

/** The IdP: an http server whose handler is set once Basalt's callback URL is known. */
async function startIdp(): Promise<{
  server: Server
  issuer: string
  serve: (p: Provider) => void
}> {
  let provider: Provider | undefined
  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end()
    if (req.url?.startsWith('/interaction/')) return void login(provider, req, res)
    provider.callback()(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, issuer: `http://127.0.0.1:${port}`, serve: (p) => (provider = p) }
}

async function login(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const result = 'error' in nextLogin ? nextLogin : { login: nextLogin }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
}

/** The part of oidc-provider's request context that loadExistingGrant uses. */
type GrantContext = {
  oidc: {
    provider: { Grant: new (init: { clientId: string; accountId: string }) => IdpGrant }
    client: { clientId: string }
    session: { accountId: string }
    requestParamScopes: Set<string>
  }
}
type IdpGrant = { addOIDCScope(scope: string): void; save(): Promise<string> }

function idpProvider(issuer: string, basaltUrl: string): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${basaltUrl}/_auth/test-idp/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: APPLE.id,
        client_secret: APPLE.secret,
        redirect_uris: [`${basaltUrl}/_auth/apple/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'k1' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'picture'],
      name: ['name'],
    },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    findAccount: async (_ctx: unknown, id: string) => {
      const claims = accounts.get(id)
      return claims && { accountId: id, claims: async () => ({ sub: id, ...claims }) }
    },
    // Consent is taken as given: every sign-in gets a grant of the scopes Basalt asks for.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      })
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '))
      await grant.save()
      return grant
    },
  })
}

describe.each(pgTargets())(
  'OAuth sign-in with an OpenID Connect provider on $name PostgreSQL',
  (target) => {
    let t: TestServer
    let url: string
    let idp: Awaited<ReturnType<typeof startIdp>>
    let callbackPrefix: string

    beforeAll(async () => {
      idp = await startIdp()
      t = await startTestServer(target, {
        app: {
          auth: {
            redirectUrl: APP_URL,
            oauth: {
              oidc: {
                'test-idp': {
                  issuer: idp.issuer,
                  clientId: CLIENT.id,
                  clientSecret: CLIENT.secret,
                },
              },
              apple: { issuer: idp.issuer, clientId: APPLE.id, clientSecret: APPLE.secret },
            },
          },
        },
      })
      url = await t.server.listen()
      callbackPrefix = `${url}/_auth/test-idp/callback`
      idp.serve(idpProvider(idp.issuer, url))
    })
    afterAll(async () => {
      await t?.close()
      idp?.server.closeAllConnections()
      await new Promise((resolve) => idp?.server.close(resolve))
    })

    /** Signs in at the IdP as `accountId`; answers the browser and the callback URL it reached. */
    async function throughIdp(login: typeof nextLogin, browser = new Browser()) {
      nextLogin = login
      const callback = await browser.follow(`${url}/_auth/test-idp`, (to) =>
        to.startsWith(callbackPrefix),
      )
      return { browser, callback }
    }

    /** The app URL the callback sends the browser to, as its query. */
    async function finish(browser: Browser, callback: string): Promise<URLSearchParams> {
      const res = await browser.get(callback)
      const location = res.headers.get('location')
      expect(res.status, await res.clone().text()).toBe(302)
      expect(location?.startsWith(APP_URL)).toBe(true)
      return new URL(location!).searchParams
    }

    const client = () => createClient(url, t.clientKey, { localStorage: memoryStorage() })

    it('sends the browser to the provider with state, PKCE S256 and a nonce', async () => {
      const res = await new Browser().get(`${url}/_auth/test-idp`)
      expect(res.status).toBe(302)
      const to = new URL(res.headers.get('location')!)
      expect(to.origin).toBe(idp.issuer)
      expect(Object.fromEntries(to.searchParams)).toMatchObject({
        client_id: CLIENT.id,
        response_type: 'code',
        redirect_uri: callbackPrefix,
        code_challenge_method: 'S256',
        scope: 'openid email profile',
      })
      expect(to.searchParams.get('state')).toMatch(/^[\w-]{43}$/)
      expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/)
      expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
      expect(res.headers.get('set-cookie')).toMatch(
        /^basalt_oauth=[\w-]{43}; Path=\/_auth;.*HttpOnly/,
      )
    })

    it('signs in, creates the user once, and the published client exchanges the token', async () => {
      const first = await throughIdp({ accountId: 'alice-sub' })
      const query = await finish(first.browser, first.callback)
      expect(query.get('action')).toBe('oauth-signin')
      const token = query.get('access_token')!
      expect(token).toMatch(/^[\w-]{43}$/)

      const alice = client()
      const granted = await alice.auth.getAuthGrant(token)
      expect(granted.errors).toBeNull()
      expect(granted.user).toMatchObject({
        provider: 'test-idp',
        providerUserId: 'alice-sub',
        email: 'alice@idp.test',
        emailVerified: true,
        name: 'Alice Idp',
      })
      expect(granted.session?.token).toBeTruthy()
      expect((await alice.auth.getUserFromDB()).user?._id).toBe(granted.user?._id)
      // The grant token is single use.
      expect((await client().auth.getAuthGrant(token)).errors?.items[0]?.code).toBe('invalid_token')

      // A second sign-in, from another browser, reaches the same user.
      const second = await throughIdp({ accountId: 'alice-sub' })
      const again = await client().auth.getAuthGrant(
        (await finish(second.browser, second.callback)).get('access_token')!,
      )
      expect(again.user?._id).toBe(granted.user?._id)
    })

    it('links to an existing user whose email both sides have verified', async () => {
      const bob = client()
      const signedUp = await bob.auth.signUpWithEmail('bob@x.test', 'password-1', 'Bob')
      await t.server.database.db.query(
        `UPDATE basalt.users SET email_verified = true WHERE id = $1`,
        [signedUp.user!._id],
      )
      const { browser, callback } = await throughIdp({ accountId: 'bob-sub' })
      const granted = await client().auth.getAuthGrant(
        (await finish(browser, callback)).get('access_token')!,
      )
      expect(granted.user).toMatchObject({ _id: signedUp.user!._id, email: 'bob@x.test' })
      // The password still works: linking does not turn the account into an OAuth-only one.
      expect((await client().auth.signInWithEmail('bob@x.test', 'password-1')).errors).toBeNull()
    })

    it('does not link on an email the provider has not verified', async () => {
      await client().auth.signUpWithEmail('carol@x.test', 'password-1', 'Carol')
      const { browser, callback } = await throughIdp({ accountId: 'mallory-sub' })
      const query = await finish(browser, callback)
      expect(Object.fromEntries(query)).toEqual({
        error: 'email_already_exists',
        action: 'oauth-signin',
      })
    })

    it('refuses a tampered, reused or foreign state with an error redirect', async () => {
      const tampered = await throughIdp({ accountId: 'alice-sub' })
      const forged = new URL(tampered.callback)
      forged.searchParams.set('state', 'x'.repeat(43))
      expect((await finish(tampered.browser, forged.href)).get('error')).toBe('oauth_invalid_state')

      const used = await throughIdp({ accountId: 'alice-sub' })
      expect((await finish(used.browser, used.callback)).get('access_token')).toBeTruthy()
      const replay = await finish(used.browser, used.callback)
      expect(Object.fromEntries(replay)).toEqual({
        error: 'oauth_invalid_state',
        action: 'oauth-signin',
      })

      // A callback URL opened in another browser (login CSRF) does not sign that browser in.
      const stolen = await throughIdp({ accountId: 'alice-sub' })
      const victim = new Browser()
      expect((await finish(victim, stolen.callback)).get('error')).toBe('oauth_invalid_state')
    })

    it("passes the provider's error on as oauth_denied", async () => {
      const { browser, callback } = await throughIdp({ error: 'access_denied' })
      expect(new URL(callback).searchParams.get('error')).toBe('access_denied')
      expect(Object.fromEntries(await finish(browser, callback))).toEqual({
        error: 'oauth_denied',
        action: 'oauth-signin',
      })
    })

    it('finishes a form_post answer (Apple) and takes the name from its `user` field', async () => {
      nextLogin = { accountId: 'dana-sub' }
      const browser = new Browser()
      const { action, fields } = await browser.followToForm(`${url}/_auth/apple`)
      expect(action).toBe(`${url}/_auth/apple/callback`)
      expect(fields.get('code')).toBeTruthy()
      // Apple adds the name, once, as JSON in a `user` field.
      fields.set('user', JSON.stringify({ name: { firstName: 'Dana', lastName: 'Apple' } }))
      const res = await browser.post(action, fields)
      expect(res.status, await res.clone().text()).toBe(302)
      const query = new URL(res.headers.get('location')!).searchParams
      const granted = await client().auth.getAuthGrant(query.get('access_token')!)
      expect(granted.user).toMatchObject({
        provider: 'apple',
        providerUserId: 'dana-sub',
        email: 'dana@apple.test',
        emailVerified: true,
        name: 'Dana Apple',
      })
    })

    it('answers an unconfigured provider with a JSON 404', async () => {
      for (const path of ['/_auth/google', '/_auth/nope', '/_auth/nope/callback?state=x']) {
        const res = await fetch(`${url}${path}`, { redirect: 'manual' })
        expect(res.status).toBe(404)
        expect(await res.json()).toMatchObject({
          errors: [{ code: 'oauth_provider_not_configured', origin: 'client_error' }],
        })
      }
    })
  },
)
