import { z } from 'zod'
import { appConfigSchema } from './app-config.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const rateLimitSchema = z.strictObject({
  max: z.number().int().positive('expected a whole number above 0'),
  windowSeconds: z.number().int().positive('expected a whole number of seconds above 0'),
})

const s3Schema = z.strictObject({
  bucket: z.string().min(3, 'expected an S3 bucket name'),
  region: z.string().min(1),
  /** An S3-compatible service (MinIO, R2, ...); AWS when absent. */
  endpoint: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  accessKeyId: z.string().min(1).optional(),
  secretAccessKey: z.string().min(1).optional(),
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most local services need. */
  forcePathStyle: z.boolean().optional(),
  /** A key prefix, so that several apps can share one bucket (`app1/`). */
  prefix: z
    .string()
    .regex(
      /^([A-Za-z0-9._-]+\/)*$/,
      "expected segments of letters, digits, '.', '_', '-' ending in '/'",
    )
    .optional(),
})

const schema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535, 'expected a port from 0 to 65535'),
  publicUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  dataDir: z.string().min(1),
  /** The app folder: handler modules of endpoints, queues and tasks are resolved from it. */
  appDir: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL')
    .optional(),
  mode: z.enum(['development', 'production']),
  logLevel: z.enum(LOG_LEVELS),
  bodyLimitBytes: z.number().int().positive(),
  trustProxy: z.boolean(),
  defaultRateLimit: rateLimitSchema.optional(),
  /**
   * The secret encrypted-text fields are encrypted with (AES-256-GCM, key derived by SHA-256).
   * Without it, a development server keeps a generated one in the data folder.
   */
  encryptionKey: z.string().min(32, 'expected at least 32 characters').optional(),
  /** The largest file an upload or replace may store (413 `file_too_large` above it). */
  maxFileSizeBytes: z.number().int().positive(),
  /** S3-compatible storage for file contents; without it, files live in `<dataDir>/storage`. */
  s3: s3Schema.optional(),
  /** The built admin console (`apps/console/dist`), served at /_console; none: not served. */
  consoleDir: z.string().min(1).optional(),
  app: appConfigSchema,
})

/** The whole, validated configuration a Basalt server runs with. */
export type ServerConfig = Readonly<z.output<typeof schema>>

/** The configuration before validation: what the CLI merges env, flags and the file into. */
export type ServerConfigInput = z.input<typeof schema>

/** Settings with their defaults: what the CLI merges env, flags and the config file into. */
export const DEFAULT_CONFIG = {
  host: '127.0.0.1',
  port: 4000,
  dataDir: '.basalt',
  appDir: '.',
  mode: 'development',
  logLevel: 'info',
  bodyLimitBytes: 1024 * 1024,
  maxFileSizeBytes: 1024 * 1024 * 1024,
  trustProxy: false,
  app: {},
} as const satisfies Partial<ServerConfigInput>

/** A configuration value that does not fit, with the key that holds it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Validates a merged configuration and freezes it; throws ConfigError naming each bad key. */
export function parseServerConfig(input: unknown): ServerConfig {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    )
  }
  return deepFreeze(result.data) as ServerConfig
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
