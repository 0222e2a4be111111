import type { FastifyInstance } from 'fastify'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'

/**
 * POST /messages/:id/retry: runs a message in `errors` (dead letters included) again, with the
 * same messageId; answers it, pending. Any other status is message_not_retryable (409).
 */
export function retryMessage(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.post<{ Params: { id: string } }>('/messages/:id/retry', (request) =>
    jobs.retry(request.params.id),
  )
}
