import { z } from 'zod'

/*
 * The app's own code in `basalt.config.ts`: endpoints, message queues, scheduled tasks and app
 * parameters (docs/functions.md). A handler is a module of the app folder, `path` or
 * `path#exportName` (default export when no name is given), loaded without a build step.
 */

const handler = z
  .string()
  .min(1, 'expected a handler module: "handlers/file.ts" or "handlers/file.ts#exportName"')

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'expected a name of letters, digits, _ and -')

const seconds = (fallback: number, max: number) =>
  z.number().int().positive().max(max).default(fallback)

/**
 * One endpoint: a method and path outside the platform's prefixes (/_api, /_auth, /_storage,
 * /_console), and the module that answers it.
 */
export const endpointSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** `/orders/:id`: segments, `:param` segments, a trailing `*` for the rest. */
  path: z
    .string()
    .regex(
      /^\/(?!(_api|_auth|_storage|_console)(\/|$))[^?#]*$/,
      'expected a path starting with / outside /_api, /_auth, /_storage and /_console',
    ),
  handler,
  /** `required`: 401 without a valid session; `optional`: a session is resolved when given. */
  session: z.enum(['required', 'optional']).default('optional'),
  /** Require an API key (Authorization header) that allows this endpoint. */
  apiKey: z.boolean().default(false),
  timeoutSeconds: seconds(30, 900),
  /** The largest body this endpoint takes (bytes); the server's bodyLimitBytes when absent. */
  bodyLimitBytes: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024, 'expected at most 1 GiB: bodies are held in memory')
    .optional(),
})

/** A message queue: its handler and how messages are retried and kept. */
export const queueSchema = z.strictObject({
  handler,
  concurrency: z.number().int().min(1).max(100).default(1),
  /** Further attempts after a failed one. */
  retries: z.number().int().min(0).max(100).default(3),
  retryDelaySeconds: seconds(5, 86_400),
  /** Double the delay after each failed attempt. */
  retryBackoff: z.boolean().default(true),
  timeoutSeconds: seconds(60, 86_400),
  /** How long finished messages (and their status) are kept. */
  retentionDays: z.number().int().min(1).max(365).default(7),
})

/** The catch-up window of `catchUp: true`, and the largest one (the retention of task runs). */
export const CATCH_UP_DEFAULT_SECONDS = 3_600
export const CATCH_UP_MAX_SECONDS = 7 * 86_400

/** A scheduled task: a cron schedule (5 fields, or 6 with seconds) in a time zone. */
export const taskSchema = z.strictObject({
  handler,
  schedule: z.string().min(9, 'expected a cron schedule such as "*/5 * * * *"'),
  timeZone: z.string().default('UTC'),
  timeoutSeconds: seconds(300, 86_400),
  /**
   * A tick missed while no process ran: `true` runs the latest one once at start when it is at
   * most an hour old, a number of seconds sets that window (at most 7 days), `false` never.
   */
  catchUp: z
    .union([z.boolean(), z.number().int().positive().max(CATCH_UP_MAX_SECONDS)])
    .default(true),
})

/** An app parameter: a value every handler reads; `BASALT_PARAM_<NAME>` overrides it. */
export const parameterValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])

export const functionsSchemas = {
  endpoints: z.array(endpointSchema).default([]),
  queues: z.record(name, queueSchema).default({}),
  tasks: z.record(name, taskSchema).default({}),
  parameters: z.record(name, parameterValueSchema).default({}),
}

export type EndpointConfig = z.output<typeof endpointSchema>
export type QueueConfig = z.output<typeof queueSchema>
export type TaskConfig = z.output<typeof taskSchema>
