import { ConfigError, DEFAULT_CONFIG } from '@basalt/server'
import { describe, expect, it } from 'vitest'
import { buildConfig, resolveDataDir } from '../src/config/build-config.js'
import type { BuildConfigInput } from '../src/config/build-config.js'

const APP = '/srv/app'
const build = (input: Partial<BuildConfigInput>) =>
  buildConfig({ env: {}, flags: {}, appDir: APP, ...input })

/** The problems of the ConfigError a build throws. */
function problemsOf(input: Partial<BuildConfigInput>): string[] {
  try {
    build(input)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('buildConfig', () => {
  it('gives the defaults, with the data folder inside the app folder', () => {
    const config = build({})
    expect(config).toMatchObject({
      ...DEFAULT_CONFIG,
      dataDir: '/srv/app/.basalt',
      appDir: '/srv/app',
      app: {},
    })
    expect(config.databaseUrl).toBeUndefined()
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('takes flags over environment over the config file over defaults', () => {
    const env = { PORT: '5000', HOST: '0.0.0.0', BASALT_LOG_LEVEL: 'debug' }
    const file = { path: '/srv/app/basalt.config.ts', config: { name: 'shop' } }
    const config = build({ env, file, flags: { port: '6000' } })
    expect(config.port).toBe(6000)
    expect(config.host).toBe('0.0.0.0')
    expect(config.logLevel).toBe('debug')
    expect(config.app.name).toBe('shop')
    expect(build({ env }).port).toBe(5000)
  })

  it('reads every variable it documents', () => {
    const config = build({
      env: {
        DATABASE_URL: 'postgres://u@db:5432/x',
        REDIS_URL: 'redis://cache:6379',
        BASALT_DATA_DIR: '/var/lib/basalt',
        BASALT_PUBLIC_URL: 'https://api.example.com',
        NODE_ENV: 'production',
      },
    })
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/x',
      redisUrl: 'redis://cache:6379',
      dataDir: '/var/lib/basalt',
      publicUrl: 'https://api.example.com',
      mode: 'production',
    })
    expect(build({ env: { NODE_ENV: 'test' } }).mode).toBe('development')
  })

  it('resolves a relative data folder against the app folder, from env or flag', () => {
    expect(build({ env: { BASALT_DATA_DIR: 'data' } }).dataDir).toBe('/srv/app/data')
    expect(build({ flags: { dataDir: '../shared' } }).dataDir).toBe('/srv/shared')
    expect(resolveDataDir({ env: { BASALT_DATA_DIR: 'x' }, flags: {}, appDir: APP })).toBe(
      '/srv/app/x',
    )
  })

  it('serves the built console unless BASALT_CONSOLE=false', () => {
    expect(build({ consoleDir: '/srv/console/dist' }).consoleDir).toBe('/srv/console/dist')
    expect(build({}).consoleDir).toBeUndefined()
    const off = build({ consoleDir: '/srv/console/dist', env: { BASALT_CONSOLE: 'false' } })
    expect(off.consoleDir).toBeUndefined()
  })

  it('treats an empty variable as unset', () => {
    expect(build({ env: { PORT: '', DATABASE_URL: '' } })).toMatchObject({ port: 4000 })
  })

  it('parses numbers strictly and names where the bad one came from', () => {
    expect(problemsOf({ env: { PORT: 'abc' } })).toEqual([
      "PORT: expected a whole number, got 'abc'",
    ])
    expect(problemsOf({ flags: { port: '80.5' } })).toEqual([
      "--port: expected a whole number, got '80.5'",
    ])
    expect(problemsOf({ env: { PORT: '4000x' } })[0]).toMatch(/^PORT: expected a whole number/)
    expect(problemsOf({ env: { PORT: '70000' } })).toEqual([
      'PORT: expected a port from 0 to 65535',
    ])
  })

  it('reads the body limit, proxy trust and default rate limit from the environment', () => {
    const env = {
      BASALT_BODY_LIMIT: '2048',
      BASALT_TRUST_PROXY: 'yes',
      BASALT_RATE_LIMIT: '100/60',
    }
    expect(build({ env })).toMatchObject({
      bodyLimitBytes: 2048,
      trustProxy: true,
      defaultRateLimit: { max: 100, windowSeconds: 60 },
    })
    expect(
      problemsOf({
        env: { BASALT_BODY_LIMIT: '1MB', BASALT_TRUST_PROXY: 'maybe', BASALT_RATE_LIMIT: '100' },
      }),
    ).toEqual([
      "BASALT_BODY_LIMIT: expected a whole number, got '1MB'",
      "BASALT_TRUST_PROXY: expected true or false, got 'maybe'",
      "BASALT_RATE_LIMIT: expected <max>/<seconds> such as 100/60, got '100'",
    ])
    expect(problemsOf({ env: { BASALT_RATE_LIMIT: '0/60' } })[0]).toMatch(/^BASALT_RATE_LIMIT: /)
  })

  it('reads the file size limit and S3 storage from the environment', () => {
    expect(build({})).toMatchObject({ maxFileSizeBytes: 1024 * 1024 * 1024 })
    expect(build({}).s3).toBeUndefined()
    const env = {
      BASALT_MAX_FILE_SIZE: '5000',
      BASALT_S3_BUCKET: 'files',
      BASALT_S3_ENDPOINT: 'http://127.0.0.1:9000',
      BASALT_S3_ACCESS_KEY_ID: 'id',
      BASALT_S3_SECRET_ACCESS_KEY: 'secret',
      BASALT_S3_FORCE_PATH_STYLE: 'true',
      BASALT_S3_PREFIX: 'app1/',
    }
    expect(build({ env })).toMatchObject({
      maxFileSizeBytes: 5000,
      s3: {
        bucket: 'files',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        accessKeyId: 'id',
        secretAccessKey: 'secret',
        forcePathStyle: true,
        prefix: 'app1/',
      },
    })
    expect(build({ env: { BASALT_S3_BUCKET: 'files', BASALT_S3_REGION: 'eu-west-3' } }).s3).toEqual(
      { bucket: 'files', region: 'eu-west-3' },
    )
    expect(problemsOf({ env: { BASALT_S3_REGION: 'eu-west-3' } })).toEqual([
      'BASALT_S3_BUCKET: required when other BASALT_S3_* variables are set',
    ])
    expect(
      problemsOf({ env: { BASALT_S3_BUCKET: 'f', BASALT_S3_FORCE_PATH_STYLE: 'maybe' } }),
    ).toEqual(["BASALT_S3_FORCE_PATH_STYLE: expected true or false, got 'maybe'"])
    expect(
      problemsOf({ env: { BASALT_S3_BUCKET: 'files', BASALT_S3_ENDPOINT: 'ftp://x' } }),
    ).toEqual(['BASALT_S3_*: endpoint: expected an http(s) URL'])
    expect(problemsOf({ env: { BASALT_MAX_FILE_SIZE: '1GB' } })).toEqual([
      "BASALT_MAX_FILE_SIZE: expected a whole number, got '1GB'",
    ])
  })

  it('names each bad URL and log level by its variable or flag', () => {
    expect(problemsOf({ env: { DATABASE_URL: 'mysql://db/x', REDIS_URL: 'http://r' } })).toEqual([
      'DATABASE_URL: expected a postgres:// or postgresql:// URL',
      'REDIS_URL: expected a redis:// or rediss:// URL',
    ])
    expect(problemsOf({ flags: { databaseUrl: 'nope' } })).toEqual([
      '--database-url: expected a postgres:// or postgresql:// URL',
    ])
    expect(problemsOf({ env: { BASALT_PUBLIC_URL: 'ftp://x' } })).toEqual([
      'BASALT_PUBLIC_URL: expected an http(s) URL',
    ])
    expect(problemsOf({ flags: { logLevel: 'loud' } })[0]).toMatch(/^--log-level: /)
  })

  it('refuses unknown and bad keys of the config file, naming the file', () => {
    const path = '/srv/app/basalt.config.ts'
    expect(problemsOf({ file: { path, config: { nam: 'typo' } } })).toEqual([
      'basalt.config.ts: Unrecognized key: "nam"',
    ])
    expect(problemsOf({ file: { path, config: { name: '' } } })).toEqual([
      'basalt.config.ts: name: expected a non-empty string',
    ])
    expect(problemsOf({ file: { path, config: 42 } })).toEqual([
      "basalt.config.ts: expected its default export to be an object, like defineConfig({ name: 'my-app' })",
    ])
  })
})
