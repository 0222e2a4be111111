import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MODULES } from '@basalt/protocol'
import { adminKeySpec, ENDPOINT_PATTERN } from '../../../../core/admin/keys/admin-key-spec.js'
import { parseBody } from '../../parse-body.js'
import type { AdminDeps } from '../admin-deps.js'

const positive = z.number().int().positive()
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** The body of POST /keys. */
export const createKeyBody = z.strictObject({
  type: z.enum(['client', 'api']),
  name: z.string().max(200).optional(),
  modules: z.array(z.enum(MODULES)).optional(),
  domains: z.array(z.string().trim().min(1).max(253)).max(100).optional(),
  enforceSession: z.boolean().optional(),
  rateLimit: z.strictObject({ max: positive, windowSeconds: positive }).optional(),
  access: z.enum(['full', 'read-only', 'allow', 'deny']).optional(),
  endpoints: z
    .array(z.string().trim().regex(ENDPOINT_PATTERN, 'expected /path, /path/* or METHOD /path'))
    .max(100)
    .optional(),
  expiresAt: z
    .string()
    .regex(ISO_DATE, 'expected an ISO date (2030-01-31 or 2030-01-31T12:00Z)')
    .transform((text) => new Date(text))
    .refine((date) => !Number.isNaN(date.getTime()), 'expected a real date')
    .optional(),
})

/** POST /keys: a new client or API key; the answer is the only time its secret is shown. */
export function createKeyRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.post('/keys', async (request, reply) => {
    const spec = adminKeySpec(parseBody(createKeyBody, request))
    const created = await records.createKey(spec)
    reply.header('cache-control', 'no-store').code(201)
    return { key: created.record, secret: created.secret }
  })
}
