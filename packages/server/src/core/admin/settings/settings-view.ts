import type { ServerConfig } from '../../../config/server-config.js'
import { AUTH_LIMITS } from '../../auth/throttle.js'
import { fileSetting, secret, setting, withoutPassword } from './setting.js'
import type { Setting } from './setting.js'
import { oauthSettings } from './oauth-settings.js'

/** The sections of the settings view. */
export interface SettingsView {
  auth: Setting[]
  mail: Setting[]
  sms: Setting[]
  oauth: Setting[]
  storage: Setting[]
  rateLimits: Setting[]
  server: Setting[]
}

/**
 * The configuration a server runs with, in sections, each setting naming where it is set
 * (docs/configuration.md). Read-only, and without secrets: passwords, client secrets, keys and
 * tokens only say whether they are set; URLs lose their passwords.
 */
export function settingsView(config: ServerConfig): SettingsView {
  return {
    auth: authSettings(config),
    mail: mailSettings(config),
    sms: smsSettings(config),
    oauth: oauthSettings(config.app.auth.oauth),
    storage: storageSettings(config),
    rateLimits: rateLimitSettings(config),
    server: serverSettings(config),
  }
}

function authSettings(config: ServerConfig): Setting[] {
  const auth = config.app.auth
  return [
    fileSetting('auth.redirectUrl', auth.redirectUrl),
    fileSetting('auth.redirectUrls', auth.redirectUrls),
    fileSetting('auth.emailConfirmation', auth.emailConfirmation),
    fileSetting('auth.phoneConfirmation', auth.phoneConfirmation),
    fileSetting('auth.passwordMinLength', auth.passwordMinLength),
    fileSetting('auth.sessionTtlSeconds', auth.sessionTtlSeconds),
    fileSetting('auth.linkTtlSeconds', auth.linkTtlSeconds),
    fileSetting('auth.codeTtlSeconds', auth.codeTtlSeconds),
    fileSetting('auth.codeMaxAttempts', auth.codeMaxAttempts),
  ]
}

function mailSettings(config: ServerConfig): Setting[] {
  const { from, smtp, templates } = config.app.auth.mail
  const transport = setting('transport', smtp ? 'smtp' : 'outbox', { config: 'auth.mail.smtp' })
  const base = [transport, fileSetting('auth.mail.from', from)]
  const custom = fileSetting('auth.mail.templates', Object.keys(templates ?? {}))
  if (!smtp) return [...base, custom]
  return [
    ...base,
    fileSetting('auth.mail.smtp.host', smtp.host),
    fileSetting('auth.mail.smtp.port', smtp.port),
    fileSetting('auth.mail.smtp.secure', smtp.secure ?? false),
    fileSetting('auth.mail.smtp.user', smtp.user),
    secret('password', smtp.password, { config: 'auth.mail.smtp.password' }),
    custom,
  ]
}

function smsSettings(config: ServerConfig): Setting[] {
  const sms = config.app.auth.sms
  const provider = setting('provider', sms?.provider ?? 'outbox', { config: 'auth.sms.provider' })
  switch (sms?.provider) {
    case 'twilio':
      return [
        provider,
        fileSetting('auth.sms.accountSid', sms.accountSid),
        secret('authToken', sms.authToken, { config: 'auth.sms.authToken' }),
        fileSetting('auth.sms.from', sms.from),
      ]
    case 'vonage':
      return [
        provider,
        secret('apiKey', sms.apiKey, { config: 'auth.sms.apiKey' }),
        secret('apiSecret', sms.apiSecret, { config: 'auth.sms.apiSecret' }),
        fileSetting('auth.sms.from', sms.from),
      ]
    case 'messagebird':
      return [
        provider,
        secret('accessKey', sms.accessKey, { config: 'auth.sms.accessKey' }),
        fileSetting('auth.sms.originator', sms.originator),
      ]
    default:
      return [provider]
  }
}

function storageSettings(config: ServerConfig): Setting[] {
  const s3 = config.s3
  const size = setting('maxFileSizeBytes', config.maxFileSizeBytes, { env: 'BASALT_MAX_FILE_SIZE' })
  if (!s3) {
    return [
      setting('backend', 'disk', { env: 'BASALT_S3_BUCKET' }),
      setting('folder', `${config.dataDir}/storage`, {
        env: 'BASALT_DATA_DIR',
        flag: '--data-dir',
      }),
      size,
    ]
  }
  return [
    setting('backend', 's3', { env: 'BASALT_S3_BUCKET' }),
    setting('bucket', s3.bucket, { env: 'BASALT_S3_BUCKET' }),
    setting('region', s3.region, { env: 'BASALT_S3_REGION' }),
    setting('endpoint', s3.endpoint, { env: 'BASALT_S3_ENDPOINT' }),
    setting('forcePathStyle', s3.forcePathStyle ?? false, { env: 'BASALT_S3_FORCE_PATH_STYLE' }),
    setting('prefix', s3.prefix, { env: 'BASALT_S3_PREFIX' }),
    secret('accessKeyId', s3.accessKeyId, { env: 'BASALT_S3_ACCESS_KEY_ID' }),
    secret('secretAccessKey', s3.secretAccessKey, { env: 'BASALT_S3_SECRET_ACCESS_KEY' }),
    size,
  ]
}

function rateLimitSettings(config: ServerConfig): Setting[] {
  const limits = config.app.auth.limits
  const budgets = Object.entries(AUTH_LIMITS).map(([name, fallback]) =>
    fileSetting(`auth.limits.${name}`, limits[name as keyof typeof AUTH_LIMITS] ?? fallback),
  )
  const clientKeys = setting('defaultRateLimit', config.defaultRateLimit, {
    env: 'BASALT_RATE_LIMIT',
  })
  return [clientKeys, ...budgets]
}

function serverSettings(config: ServerConfig): Setting[] {
  return [
    fileSetting('name', config.app.name),
    setting('mode', config.mode, { env: 'NODE_ENV' }),
    setting('host', config.host, { env: 'HOST', flag: '--host' }),
    setting('port', config.port, { env: 'PORT', flag: '--port' }),
    setting('publicUrl', config.publicUrl, { env: 'BASALT_PUBLIC_URL' }),
    setting('appDir', config.appDir, { flag: '--dir' }),
    setting('dataDir', config.dataDir, { env: 'BASALT_DATA_DIR', flag: '--data-dir' }),
    setting('databaseUrl', withoutPassword(config.databaseUrl), {
      env: 'DATABASE_URL',
      flag: '--database-url',
    }),
    setting('redisUrl', withoutPassword(config.redisUrl), {
      env: 'REDIS_URL',
      flag: '--redis-url',
    }),
    setting('logLevel', config.logLevel, { env: 'BASALT_LOG_LEVEL', flag: '--log-level' }),
    setting('bodyLimitBytes', config.bodyLimitBytes, { env: 'BASALT_BODY_LIMIT' }),
    setting('trustProxy', config.trustProxy, { env: 'BASALT_TRUST_PROXY' }),
    secret('encryptionKey', config.encryptionKey, { env: 'BASALT_ENCRYPTION_KEY' }),
    fileSetting('agnost.envId', config.app.agnost.envId),
  ]
}
