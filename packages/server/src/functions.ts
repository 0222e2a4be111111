import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { JitiHandlerLoader } from './adapters/code/jiti/jiti-handler-loader.js'
import { PgBossQueue } from './adapters/jobs/pg-boss/pg-boss-queue.js'
import type { ServerConfig } from './config/server-config.js'
import { HandlerContextFactory } from './core/functions/context-factory.js'
import { lostMessageCheckSeconds, QueueService } from './core/functions/queues/queue-service.js'
import type { ServerApi } from './core/functions/server-api.js'
import { TaskService } from './core/functions/tasks/task-service.js'
import type { OpenDatabase } from './database.js'

/** The app's code as the server runs it: handler loading, contexts, queues and tasks. */
export interface AppFunctions {
  readonly loader: JitiHandlerLoader
  readonly contexts: HandlerContextFactory
  readonly queues: QueueService
  readonly tasks: TaskService
  /** The secret that marks the in-process requests of handlers (app rights). */
  readonly appCodeSecret: string
  /** Hands the server-side API to the contexts, once the HTTP app exists. */
  setApi(api: ServerApi): void
  /** The server-side API (after setApi). */
  api(): ServerApi
}

/** Picks the implementations of the app's code for a server (nothing starts yet). */
export function createAppFunctions(
  config: ServerConfig,
  database: OpenDatabase,
  logger: Logger,
  deps: { onError: (error: Error) => void; baseUrl: () => string },
): AppFunctions {
  let serverApi: ServerApi | undefined
  const api = (): ServerApi => {
    if (!serverApi) throw new Error('the server-side API exists once the HTTP app is built')
    return serverApi
  }
  const contexts = new HandlerContextFactory({
    parameters: config.app.parameters,
    logger,
    api,
    appName: config.app.name ?? 'Basalt',
    mode: config.mode,
    baseUrl: deps.baseUrl,
  })
  const loader = new JitiHandlerLoader(config.appDir)
  const common = {
    db: database.db,
    handlers: loader,
    context: contexts.forQueueOrTask,
    log: logger,
  }
  const queues = new QueueService({
    ...common,
    jobs: new PgBossQueue({
      connectionString: database.url,
      maintenanceIntervalSeconds: lostMessageCheckSeconds(config.app.queues),
      onError: deps.onError,
    }),
    queues: config.app.queues,
  })
  const tasks = new TaskService({ ...common, tasks: config.app.tasks })
  return {
    loader,
    contexts,
    queues,
    tasks,
    // App code reaches this server in-process, marked by a secret of this process.
    appCodeSecret: randomBytes(32).toString('base64url'),
    setApi: (value) => {
      serverApi = value
    },
    api,
  }
}
