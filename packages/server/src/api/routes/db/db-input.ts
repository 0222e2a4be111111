import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Caller } from '../../../core/db/data-context.js'
import type { QueryInput } from '../../../core/db/query/query-input.js'
import { UPDATE_TYPES } from '../../../core/db/write/field-updates.js'
import { COMPUTATION_TYPES } from '../../../core/db/operations/compute.js'

export const complexLookup = z.object({
  name: z.string().min(1),
  modelName: z.string().min(1),
  query: z.string(),
})
export const simpleLookup = z.object({ field: z.string().min(1) })

/** The `query` the Altogic client sends on every database call; every part may be null. */
export const querySchema = z
  .object({
    expression: z.string().nullish(),
    lookups: z.array(z.union([complexLookup, simpleLookup])).nullish(),
    page: z.number().nullish(),
    limit: z.number().nullish(),
    sort: z
      .array(z.object({ field: z.string().min(1), direction: z.enum(['asc', 'desc']) }))
      .nullish(),
    omit: z.array(z.string()).nullish(),
    group: z.union([z.array(z.string().min(1)), z.string().min(1)]).nullish(),
  })
  .nullish()

/** The query as the core takes it: absent parts null. */
export function toQuery(query: z.output<typeof querySchema>): QueryInput {
  return {
    expression: query?.expression ?? null,
    lookups: query?.lookups ?? null,
    page: query?.page ?? null,
    limit: query?.limit ?? null,
    sort: query?.sort ?? null,
    omit: query?.omit ?? null,
    group: query?.group ?? null,
  }
}

/** `model` of every database body. */
export const modelSchema = z.string().min(1)

/** The field updates of update-fields. */
export const updatesSchema = z
  .array(
    z.object({
      field: z.string().min(1),
      updateType: z.enum(UPDATE_TYPES),
      value: z.unknown().optional(),
    }),
  )
  .max(100)

/** The computations of compute. */
export const computationsSchema = z
  .array(
    z.object({
      name: z.string().min(1).max(100),
      type: z.enum(COMPUTATION_TYPES),
      expression: z.string().nullish(),
      sort: z.enum(['none', 'asc', 'desc']).nullish(),
    }),
  )
  .max(50)

/** The options of DBObject calls (cache durations are accepted and not used yet). */
export const objectOptionsSchema = z
  .object({
    returnTop: z.boolean().nullish(),
    cache: z.string().nullish(),
    removeFromCache: z.boolean().nullish(),
  })
  .nullish()

/** Who calls: the app's own code (full access), or a client key with the request's session. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.appCode) return { kind: 'app' }
  return { kind: 'client', userId: request.session?.userId ?? null }
}

/** Route options shared by every database route. */
export const DB_ROUTE = { config: { module: 'db' as const } }
