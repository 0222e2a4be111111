import { generateKeyPairSync, verify } from 'node:crypto'
import { DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import { describe, expect, it } from 'vitest'
import { appleClientSecret } from '../src/core/auth/oauth/apple-secret.js'
import type { JsonGetter } from '../src/core/auth/oauth/oauth-types.js'
import {
  appleProfile,
  discordProfile,
  facebookProfile,
  githubProfile,
  oidcProfile,
  twitterProfile,
} from '../src/core/auth/oauth/profiles.js'

// Provider answers read into profiles, Apple's client secret, and the `auth.oauth` schema:
// no database, no network.

const answering =
  (answers: Record<string, unknown>): JsonGetter =>
  async (url) => {
    if (!(url in answers)) throw new Error(`${url} answered 404`)
    return answers[url]
  }

const parse = (oauth: unknown) =>
  parseServerConfig({ ...DEFAULT_CONFIG, app: { auth: { oauth } } }).app.auth.oauth

describe('provider profiles', () => {
  it('reads OpenID Connect claims, with Apple-style string flags', () => {
    expect(
      oidcProfile({
        sub: 's1',
        email: ' a@x.test ',
        email_verified: 'true',
        given_name: 'Ada',
        family_name: 'L',
        picture: 'https://p.test/a.png',
      }),
    ).toEqual({
      id: 's1',
      email: 'a@x.test',
      emailVerified: true,
      name: 'Ada L',
      picture: 'https://p.test/a.png',
    })
    expect(oidcProfile({ sub: 's2', email: 'b@x.test', email_verified: 'false' })).toMatchObject({
      emailVerified: false,
      name: null,
    })
  })

  it('refuses an answer without an account id, and drops malformed fields', () => {
    expect(() => oidcProfile({ email: 'a@x.test' })).toThrow(/no account id/)
    expect(
      oidcProfile({ sub: 's', email: 'not-an-email', email_verified: true, picture: 'ftp://x' }),
    ).toEqual({ id: 's', email: null, emailVerified: false, name: null, picture: null })
  })

  it("takes Apple's name from the first sign-in's `user` field only when claims lack it", () => {
    const params = new URLSearchParams({ user: '{"name":{"firstName":"Tim","lastName":"C"}}' })
    expect(appleProfile({ sub: 'a' }, params).name).toBe('Tim C')
    expect(appleProfile({ sub: 'a' }, new URLSearchParams({ user: '{oops' })).name).toBeNull()
  })

  it('reads GitHub: numeric id, login as name, the primary email and its verified flag', async () => {
    const user = { id: 1, login: 'octo', name: null, avatar_url: 'https://a.test/1' }
    const profile = await githubProfile(
      answering({
        'https://gh.test/user': user,
        'https://gh.test/user/emails': [
          { email: 'other@x.test', primary: false, verified: true },
          { email: 'main@x.test', primary: true, verified: false },
        ],
      }),
      'https://gh.test/user',
    )
    expect(profile).toEqual({
      id: '1',
      email: 'main@x.test',
      emailVerified: false,
      name: 'octo',
      picture: 'https://a.test/1',
    })
    // Without the user:email scope, the public email is used, unverified.
    const publicOnly = await githubProfile(
      answering({ 'https://gh.test/user': { ...user, email: 'pub@x.test' } }),
      'https://gh.test/user',
    )
    expect(publicOnly).toMatchObject({ email: 'pub@x.test', emailVerified: false })
  })

  it('reads Discord, Facebook and X', async () => {
    const discord = await discordProfile(
      answering({
        me: {
          id: '9',
          username: 'd',
          global_name: 'Dee',
          avatar: 'abc',
          email: 'd@x.test',
          verified: true,
        },
      }),
      'me',
    )
    expect(discord).toEqual({
      id: '9',
      email: 'd@x.test',
      emailVerified: true,
      name: 'Dee',
      picture: 'https://cdn.discordapp.com/avatars/9/abc.png',
    })
    const facebook = await facebookProfile(
      answering({
        me: {
          id: '7',
          name: 'F',
          email: 'f@x.test',
          picture: { data: { url: 'https://f.test/p' } },
        },
      }),
      'me',
    )
    expect(facebook).toEqual({
      id: '7',
      email: 'f@x.test',
      emailVerified: false,
      name: 'F',
      picture: 'https://f.test/p',
    })
    const x = await twitterProfile(
      answering({
        me: {
          data: { id: '5', name: 'Ex', username: 'ex', profile_image_url: 'https://x.test/5' },
        },
      }),
      'me',
    )
    expect(x).toEqual({
      id: '5',
      email: null,
      emailVerified: false,
      name: 'Ex',
      picture: 'https://x.test/5',
    })
  })
})

describe('Apple client secret', () => {
  it('is an ES256 JWT from the team about the Services ID, signed by the key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const now = Date.UTC(2030, 0, 1)
    const jwt = appleClientSecret(
      {
        teamId: 'TEAM123',
        keyId: 'KEY456',
        privateKey: pem,
        clientId: 'com.example.web',
        audience: 'https://appleid.apple.com',
      },
      now,
    )
    const [header, claims, signature] = jwt.split('.')
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString())
    expect(decode(header!)).toEqual({ alg: 'ES256', kid: 'KEY456' })
    expect(decode(claims!)).toEqual({
      iss: 'TEAM123',
      sub: 'com.example.web',
      aud: 'https://appleid.apple.com',
      iat: now / 1000,
      exp: now / 1000 + 300,
    })
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature!, 'base64url'),
    )
    expect(signed).toBe(true)
  })
})

describe('auth.oauth configuration', () => {
  it('accepts the built-ins and named OpenID Connect providers', () => {
    const oauth = parse({
      github: {
        clientId: 'a',
        clientSecret: 'b',
        tokenUrl: 'https://ghe.test/login/oauth/access_token',
      },
      google: { clientId: 'a', clientSecret: 'b' },
      oidc: {
        keycloak: { issuer: 'https://sso.test/realms/app', clientId: 'a', clientSecret: 'b' },
      },
    })
    expect(oauth?.oidc?.keycloak?.issuer).toBe('https://sso.test/realms/app')
  })

  it.each([
    [{ github: { clientId: 'a' } }, /oauth\.github\.clientSecret/],
    [{ gitlab: { clientId: 'a', clientSecret: 'b' } }, /Unrecognized key.*gitlab/],
    [
      { oidc: { google: { issuer: 'https://g.test', clientId: 'a', clientSecret: 'b' } } },
      /reserved/,
    ],
    [
      { oidc: { 'Bad Name': { issuer: 'https://g.test', clientId: 'a', clientSecret: 'b' } } },
      /not a provider name/,
    ],
    [
      { oidc: { corp: { issuer: 'http://sso.corp.test', clientId: 'a', clientSecret: 'b' } } },
      /https/,
    ],
    [{ apple: { clientId: 'a' } }, /teamId, keyId and privateKey/],
    [{ apple: { clientId: 'a', teamId: 't', keyId: 'k', privateKey: 'nope' } }, /private key/],
  ])('refuses %j', (oauth, message) => {
    expect(() => parse(oauth)).toThrow(message)
  })

  it('accepts plain http on loopback only', () => {
    const local = { issuer: 'http://127.0.0.1:9000', clientId: 'a', clientSecret: 'b' }
    expect(parse({ oidc: { local } })?.oidc?.local?.issuer).toBe(local.issuer)
  })
})
