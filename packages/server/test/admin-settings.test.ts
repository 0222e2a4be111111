import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import { settingsView } from '../src/core/admin/settings/settings-view.js'
import type { Setting } from '../src/core/admin/settings/setting.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

const SECRETS = {
  smtpPassword: 'smtp-pass-Zq81',
  twilioToken: 'twilio-token-Xy72',
  githubSecret: 'github-secret-Wv63',
  oidcSecret: 'oidc-secret-Ut54',
  encryptionKey: 'encryption-key-that-is-long-enough-Ts45',
}

const find = (settings: Setting[], name: string) => settings.find((s) => s.name === name)

describe.each(pgTargets())('admin settings on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target, {
      encryptionKey: SECRETS.encryptionKey,
      defaultRateLimit: { max: 100, windowSeconds: 60 },
      app: {
        name: 'Settings test',
        auth: {
          sessionTtlSeconds: 3600,
          limits: { signInByIp: { max: 7, windowSeconds: 30 } },
          mail: {
            from: 'App <app@example.test>',
            smtp: {
              host: 'smtp.example.test',
              port: 587,
              user: 'mailer',
              password: SECRETS.smtpPassword,
            },
          },
          sms: {
            provider: 'twilio',
            accountSid: 'AC123',
            authToken: SECRETS.twilioToken,
            from: '+15550000000',
          },
          oauth: {
            github: { clientId: 'gh-client', clientSecret: SECRETS.githubSecret },
            oidc: {
              corp: {
                issuer: 'https://id.example.test',
                clientId: 'corp-client',
                clientSecret: SECRETS.oidcSecret,
              },
            },
          },
        },
      },
    })
  })
  afterAll(() => s?.close())

  it('answers every section, each setting naming where it is set', async () => {
    const answer = await s.call('GET', '/settings')
    expect(answer.status).toBe(200)
    const view = answer.body
    expect(Object.keys(view).sort()).toEqual([
      'auth',
      'mail',
      'oauth',
      'rateLimits',
      'server',
      'sms',
      'storage',
    ])
    expect(find(view.auth, 'sessionTtlSeconds')).toEqual({
      name: 'sessionTtlSeconds',
      value: 3600,
      config: 'auth.sessionTtlSeconds',
    })
    expect(find(view.server, 'name')).toMatchObject({ value: 'Settings test', config: 'name' })
    expect(find(view.server, 'port')).toMatchObject({ env: 'PORT', flag: '--port' })
    expect(find(view.mail, 'transport')).toMatchObject({ value: 'smtp' })
    expect(find(view.mail, 'host')).toMatchObject({
      value: 'smtp.example.test',
      config: 'auth.mail.smtp.host',
    })
    expect(find(view.sms, 'provider')).toMatchObject({ value: 'twilio' })
    expect(find(view.oauth, 'github.clientId')).toMatchObject({
      value: 'gh-client',
      config: 'auth.oauth.github.clientId',
    })
    expect(find(view.oauth, 'oidc.corp.issuer')).toMatchObject({ value: 'https://id.example.test' })
    expect(find(view.storage, 'backend')).toMatchObject({ value: 'disk' })
    expect(find(view.storage, 'maxFileSizeBytes')).toMatchObject({ env: 'BASALT_MAX_FILE_SIZE' })
    expect(find(view.rateLimits, 'defaultRateLimit')).toMatchObject({
      value: { max: 100, windowSeconds: 60 },
      env: 'BASALT_RATE_LIMIT',
    })
    expect(find(view.rateLimits, 'signInByIp')).toMatchObject({
      value: { max: 7, windowSeconds: 30 },
      config: 'auth.limits.signInByIp',
    })
    expect(find(view.rateLimits, 'signUpByIp')).toMatchObject({
      value: { max: 10, windowSeconds: 60 },
    })
    for (const section of Object.values(view) as Setting[][]) {
      for (const setting of section) {
        expect(setting.config ?? setting.env ?? setting.flag, setting.name).toBeTruthy()
      }
    }
  })

  it('leaves every secret out, saying only whether it is set', async () => {
    const answer = await s.call('GET', '/settings')
    const text = JSON.stringify(answer.body)
    for (const value of Object.values(SECRETS)) expect(text).not.toContain(value)
    expect(find(answer.body.mail, 'password')).toEqual({
      name: 'password',
      secret: true,
      set: true,
      config: 'auth.mail.smtp.password',
    })
    expect(find(answer.body.sms, 'authToken')).toMatchObject({ secret: true, set: true })
    expect(find(answer.body.oauth, 'github.clientSecret')).toMatchObject({
      secret: true,
      set: true,
    })
    expect(find(answer.body.server, 'encryptionKey')).toMatchObject({
      secret: true,
      set: true,
      env: 'BASALT_ENCRYPTION_KEY',
    })
  })

  it('refuses calls without the admin token', async () => {
    const answer = await s.call('GET', '/settings', undefined, { authorization: '' })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('admin_session_required')
  })
})

describe('the settings view', () => {
  const config = parseServerConfig({
    ...DEFAULT_CONFIG,
    databaseUrl: 'postgres://app:db-pass-Rs36@db.example.test:5432/app',
    redisUrl: 'redis://:redis-pass-Qr27@cache.example.test:6379',
    s3: {
      bucket: 'files',
      region: 'eu-west-1',
      accessKeyId: 'AKIA-Pq18',
      secretAccessKey: 's3-secret-Po09',
    },
    app: {
      auth: {
        sms: {
          provider: 'vonage',
          apiKey: 'vonage-key-No90',
          apiSecret: 'vonage-Mn81',
          from: 'App',
        },
      },
    },
  })
  const view = settingsView(config)

  it('drops passwords from URLs and hides S3 and SMS credentials', () => {
    const text = JSON.stringify(view)
    for (const value of [
      'db-pass-Rs36',
      'redis-pass-Qr27',
      'AKIA-Pq18',
      's3-secret-Po09',
      'vonage-key-No90',
      'vonage-Mn81',
    ]) {
      expect(text).not.toContain(value)
    }
    expect(find(view.server, 'databaseUrl')?.value).toBe(
      'postgres://app:***@db.example.test:5432/app',
    )
    expect(find(view.server, 'redisUrl')?.value).toBe('redis://:***@cache.example.test:6379')
    expect(find(view.storage, 'bucket')).toMatchObject({ value: 'files', env: 'BASALT_S3_BUCKET' })
    expect(find(view.storage, 'secretAccessKey')).toMatchObject({ secret: true, set: true })
    expect(find(view.sms, 'apiSecret')).toMatchObject({ secret: true, set: true })
  })

  it('shows the defaults: outbox mail and SMS, no OAuth provider', () => {
    const plain = settingsView(parseServerConfig(DEFAULT_CONFIG))
    expect(plain.mail.map((s) => s.name)).toEqual(['transport', 'from', 'templates'])
    expect(find(plain.mail, 'transport')?.value).toBe('outbox')
    expect(plain.sms).toEqual([{ name: 'provider', value: 'outbox', config: 'auth.sms.provider' }])
    expect(plain.oauth).toEqual([])
    expect(find(plain.server, 'databaseUrl')?.value).toBeNull()
    expect(find(plain.server, 'encryptionKey')).toMatchObject({ secret: true, set: false })
  })
})
