import type { FastifyInstance } from 'fastify'
import { HEALTH_PATH } from '@basalt/protocol'
import type { HealthReport } from '../../../core/health/check-health.js'

/** GET /_api/health: the state of the server and its database; 503 when one is down. */
export function getHealth(app: FastifyInstance, check: () => Promise<HealthReport>): void {
  app.get(HEALTH_PATH, async (_request, reply) => {
    const report = await check()
    reply.code(report.status === 'ok' ? 200 : 503)
    return report
  })
}
