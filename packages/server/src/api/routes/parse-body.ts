import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { fail } from '../../tools/errors.js'

/**
 * The body of a request checked against its schema, without type coercion: `"5"` is not
 * a number and `5` is not a key. An empty body reads as `{}`.
 */
export function parseBody<S extends z.ZodType>(schema: S, request: FastifyRequest): z.output<S> {
  const result = schema.safeParse(request.body ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.join('/'),
    message: issue.message,
  }))
  const summary = issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ')
  throw fail('validation_error', summary, { issues })
}
