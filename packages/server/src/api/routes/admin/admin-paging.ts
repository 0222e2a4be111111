import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { fail } from '../../../tools/errors.js'

/** The largest page of an admin list. */
export const MAX_ADMIN_PAGE_SIZE = 100

/** `?page` (from 1) and `?size` (1–100, default 50) of every admin list. */
export const pagingQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(MAX_ADMIN_PAGE_SIZE).default(50),
})

/** One page of an admin list. */
export interface AdminPage<T> {
  items: T[]
  page: number
  size: number
  total: number
}

/** The query string of a request checked against its schema (numbers coerced from text). */
export function parseQuery<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const result = schema.safeParse(request.query ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('/'),
    message: issue.message,
  }))
  const summary = issues.map((issue) => `${issue.path || 'query'}: ${issue.message}`).join('; ')
  throw fail('validation_error', summary, { issues })
}
