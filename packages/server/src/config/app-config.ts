import { z } from 'zod'
import { modelsSchema } from './model-config.js'
import type {
  AccessConfig,
  FieldConfig,
  FieldsConfig,
  ModelConfig,
  ModelsConfig,
  RuleConfig,
} from './model-config.js'
import { functionsSchemas } from './functions-config.js'
import { oauthConfigSchema } from './oauth-config.js'

const seconds = (fallback: number) => z.number().int().positive().default(fallback)

const smtpSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().optional(),
  user: z.string().optional(),
  password: z.string().optional(),
})

const smsSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('twilio'),
    accountSid: z.string().min(1),
    authToken: z.string().min(1),
    from: z.string().min(1),
  }),
  z.strictObject({
    provider: z.literal('vonage'),
    apiKey: z.string().min(1),
    apiSecret: z.string().min(1),
    from: z.string().min(1),
  }),
  z.strictObject({
    provider: z.literal('messagebird'),
    accessKey: z.string().min(1),
    originator: z.string().min(1),
  }),
])

const MAIL_TEMPLATES = ['verify-email', 'magic-link', 'reset-pwd', 'change-email'] as const

const templateSchema = z.strictObject({
  subject: z.string().min(1).optional(),
  text: z.string().min(1).optional(),
})

const budgetSchema = z.strictObject({
  max: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
})

const AUTH_BUDGETS = [
  'signInByIp',
  'signInByAccount',
  'signUpByIp',
  'sendByAccount',
  'sendByIp',
  'verifyByIp',
] as const

const authSchema = z.strictObject({
  /** Where email links and OAuth send the browser back, with `access_token` and `action`. */
  redirectUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * More redirect URLs a request may name (`redirectURL` of the Agnost routes, docs/agnost.md):
   * allowed when equal to an entry, or starting with an entry that ends with `/`.
   */
  redirectUrls: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** Sign-up by email gives a session only after the address is confirmed by a link. */
  emailConfirmation: z.boolean().default(false),
  /** Sign-up by phone gives a session only after the number is confirmed by a code. */
  phoneConfirmation: z.boolean().default(false),
  passwordMinLength: z.number().int().min(6).max(128).default(8),
  sessionTtlSeconds: seconds(30 * 24 * 3600),
  linkTtlSeconds: seconds(24 * 3600),
  codeTtlSeconds: seconds(10 * 60),
  codeMaxAttempts: z.number().int().positive().default(5),
  mail: z
    .strictObject({
      from: z.string().default('Basalt <no-reply@localhost>'),
      smtp: smtpSchema.optional(),
      /** Subject and text per mail; `{{app}}`, `{{link}}` and `{{email}}` are filled in. */
      templates: z.partialRecord(z.enum(MAIL_TEMPLATES), templateSchema).optional(),
    })
    .default({ from: 'Basalt <no-reply@localhost>' }),
  sms: smsSchema.optional(),
  /** Overrides of the abuse budgets (docs/auth.md lists them and their defaults). */
  limits: z.partialRecord(z.enum(AUTH_BUDGETS), budgetSchema).default({}),
  /** OAuth providers for `/_auth/<provider>` (docs/oauth.md): built-ins and any OIDC issuer. */
  oauth: oauthConfigSchema.optional(),
})

/** The schema of the app's `basalt.config.ts`; unknown keys are refused so typos do not pass. */
export const appConfigSchema = z.strictObject({
  /** The app's name, shown in logs, mail and the console. */
  name: z.string().min(1, 'expected a non-empty string').optional(),
  auth: authSchema.default(authSchema.parse({})),
  /** The app's data models (docs/database.md): each is a table in the `app` schema. */
  models: modelsSchema.default({}),
  /** The app's endpoints: its own HTTP routes, answered by its handler modules (docs/functions.md). */
  endpoints: functionsSchemas.endpoints,
  /** Durable message queues and their handlers. */
  queues: functionsSchemas.queues,
  /** Scheduled tasks (cron) and their handlers. */
  tasks: functionsSchemas.tasks,
  /** App parameters every handler reads (`BASALT_PARAM_<NAME>` overrides one per deployment). */
  parameters: functionsSchemas.parameters,
  /** The Agnost client's routes (docs/agnost.md). */
  agnost: z
    .strictObject({
      /** Requests under `/<envId>/` are served as if that prefix were absent (the client's base URL). */
      envId: z
        .string()
        .regex(/^[\w.-]{1,64}$/, 'expected letters, digits, `_`, `.` or `-`')
        .optional(),
    })
    .default({}),
})

/** What an app declares in its `basalt.config.ts` (every section optional). */
export type AppConfig = z.input<typeof appConfigSchema>

/** The app configuration with every default filled in. */
export type ResolvedAppConfig = z.output<typeof appConfigSchema>

/** The models as declared (validated; defaults are filled in by resolveModels). */
export type { ModelsConfig, ModelConfig, FieldConfig, FieldsConfig, RuleConfig, AccessConfig }

/** The authentication settings with their defaults. */
export type AuthConfig = ResolvedAppConfig['auth']

/** Types an app configuration; `basalt.config.ts` default-exports `defineConfig({...})`. */
export function defineConfig(config: AppConfig): AppConfig {
  return config
}
