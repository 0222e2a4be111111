import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerConfig } from '@basalt/server'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { makeJobsApp, waitFor } from './queues-app.js'

// Queue and task routes through the published altogic@2.3.9 client against a listening server.
describe.each(pgTargets().slice(-1))(
  'queues and tasks through the altogic client ($name)',
  (target) => {
    let t: TestServer
    let client: ReturnType<typeof createClient>
    const jobsApp = makeJobsApp()

    beforeAll(async () => {
      const overrides = {
        appDir: jobsApp.appDir,
        app: {
          queues: { ok: { handler: 'handlers.mjs#ok' } },
          tasks: { report: { handler: 'handlers.mjs#tick', schedule: '0 0 1 1 *' } },
          parameters: { LOG_FILE: jobsApp.logFile },
        },
      }
      t = await startTestServer(target, overrides as unknown as Partial<ServerConfig>)
      client = createClient(await t.server.listen(), t.clientKey)
    })
    afterAll(() => t.close())

    it('submits a message and reads its status', async () => {
      const { info, errors } = await client.queue.submitMessage('ok', { from: 'altogic' })
      expect(errors).toBeNull()
      expect(info).toMatchObject({ queueName: 'ok', status: 'pending' })
      const done = await waitFor(
        () => client.queue.getMessageStatus(info!.messageId),
        (reply) => reply.info?.status === 'completed',
      )
      expect(done.errors).toBeNull()
      const unknown = await client.queue.submitMessage('nope', {})
      expect(unknown.info).toBeNull()
      expect(unknown.errors?.items[0]?.code).toBe('unknown_queue')
      expect((await client.queue.getMessageStatus('no-such-id')).info).toBeNull()
    })

    it('runs a task and reads its status', async () => {
      const { info, errors } = await client.task.runOnce('report')
      expect(errors).toBeNull()
      expect(info).toMatchObject({ scheduledTaskName: 'report' })
      const done = await waitFor(
        () => client.task.getTaskStatus(info!.taskId),
        (reply) => reply.info?.status === 'completed',
      )
      expect(done.info?.completedAt).toBeTruthy()
      expect((await client.task.runOnce('nope')).errors?.items[0]?.code).toBe('unknown_task')
    })
  },
)
