import { randomUUID } from 'node:crypto'
import type { HandlerLoader } from '../../../adapters/code/handler-loader.js'
import type { Database } from '../../../adapters/database/database.js'
import { CATCH_UP_DEFAULT_SECONDS } from '../../../config/functions-config.js'
import type { TaskConfig } from '../../../config/functions-config.js'
import { fail } from '../../../tools/errors.js'
import type { HandlerLogger, QueueTaskContextFactory } from '../handler-context.js'
import { runHandler } from '../queues/run-handler.js'
import { CronSchedule, previousTick, scheduleProblem } from './cron-ticker.js'
import { TaskStore } from './task-store.js'
import type { TaskInfo } from './task-store.js'

/** What the task service needs. */
export interface TaskServiceDeps {
  db: Database
  tasks: Readonly<Record<string, TaskConfig>>
  handlers: HandlerLoader
  context: QueueTaskContextFactory
  log: HandlerLogger
  /** How often the schedules are checked, in milliseconds (default 200). */
  tickMs?: number
}

/**
 * The app's scheduled tasks: every process checks the cron schedules, and a tick runs once
 * across all of them (the process that claims it runs it). `runOnce` runs a task now on the
 * process asked. A run is not retried. At start, the latest tick missed while no process ran
 * runs once, within the task's `catchUp` window.
 */
export class TaskService {
  readonly #deps: TaskServiceDeps
  readonly #store: TaskStore
  readonly #schedules = new Map<string, CronSchedule>()
  readonly #running = new Set<Promise<void>>()
  #timer: NodeJS.Timeout | undefined
  #purgeTimer: NodeJS.Timeout | undefined

  constructor(deps: TaskServiceDeps) {
    this.#deps = deps
    this.#store = new TaskStore(deps.db)
  }

  /** Checks every schedule and handler (a bad one stops the start), then runs the schedules. */
  async start(): Promise<void> {
    for (const [name, task] of Object.entries(this.#deps.tasks)) {
      await this.#deps.handlers.load(task.handler)
      const problem = scheduleProblem(task.schedule, task.timeZone)
      if (problem) throw new Error(`app.tasks.${name}: schedule '${task.schedule}': ${problem}`)
      this.#schedules.set(name, new CronSchedule(task.schedule, task.timeZone))
    }
    this.#purgeTimer = setInterval(() => void this.purge().catch(this.#logPurge), 3_600_000)
    this.#purgeTimer.unref()
    if (this.#schedules.size === 0) return
    await this.#catchUp(new Date())
    this.#timer = setInterval(() => this.#tick(), this.#deps.tickMs ?? 200)
    this.#timer.unref()
  }

  /** Stops the schedules and waits for the runs of this process to end (at most `waitMs`). */
  async stop(waitMs = 5000): Promise<void> {
    clearInterval(this.#timer)
    clearInterval(this.#purgeTimer)
    const timeout = new Promise((resolve) => setTimeout(resolve, waitMs).unref())
    await Promise.race([Promise.allSettled([...this.#running]), timeout])
  }

  /** Runs a task now; answers its run, pending. */
  async runOnce(taskName: string): Promise<TaskInfo> {
    const task = this.#task(taskName)
    const info = await this.#store.insertRunOnce(randomUUID(), taskName)
    this.#launch(taskName, task, info.taskId, 'runOnce', new Date(info.triggeredAt))
    return info
  }

  /** The declared tasks and their settings. */
  taskConfigs(): Readonly<Record<string, TaskConfig>> {
    return this.#deps.tasks
  }

  /** A run's status, or null when unknown or older than 7 days. */
  status(taskId: string): Promise<TaskInfo | null> {
    return this.#store.find(taskId)
  }

  /** Deletes runs past the retention. */
  purge(): Promise<void> {
    return this.#store.purge()
  }

  readonly #logPurge = (error: unknown) =>
    this.#deps.log.error({ err: error }, 'task run purge failed')

  #task(name: string): TaskConfig {
    const task = Object.hasOwn(this.#deps.tasks, name) ? this.#deps.tasks[name] : undefined
    if (!task) throw fail('unknown_task', `No task named '${name}' is declared.`, { task: name })
    return task
  }

  #tick(): void {
    const now = new Date()
    for (const [name, schedule] of this.#schedules) {
      const tick = schedule.due(now)
      if (tick) void this.#claim(name, tick)
    }
  }

  /**
   * Ticks missed while no process ran: per task, the latest tick before the start runs once
   * (across processes) when it is within the task's catch-up window, never the older ones.
   */
  async #catchUp(now: Date): Promise<void> {
    for (const [name, task] of Object.entries(this.#deps.tasks)) {
      const windowMs = catchUpWindowSeconds(task) * 1000
      const tick = windowMs > 0 ? previousTick(task.schedule, task.timeZone, now) : null
      if (tick && now.getTime() - tick.getTime() <= windowMs) await this.#claim(name, tick, true)
    }
  }

  async #claim(name: string, tick: Date, missed = false): Promise<void> {
    const task = this.#task(name)
    const id = randomUUID()
    const claim = missed ? this.#store.claimMissedTick : this.#store.claimTick
    try {
      if (!(await claim.call(this.#store, id, name, tick, task.timeoutSeconds))) return
      if (missed) this.#deps.log.info({ task: name, tick }, 'task: running a missed tick')
      this.#launch(name, task, id, 'schedule', tick)
    } catch (error) {
      this.#deps.log.error({ err: error, task: name }, 'task tick failed')
    }
  }

  #launch(name: string, task: TaskConfig, id: string, by: 'schedule' | 'runOnce', at: Date) {
    const run = this.#run(name, task, id, by, at)
      .catch((error: unknown) =>
        this.#deps.log.error({ err: error, task: name }, 'task run failed'),
      )
      .finally(() => this.#running.delete(run))
    this.#running.add(run)
  }

  async #run(name: string, task: TaskConfig, id: string, by: 'schedule' | 'runOnce', at: Date) {
    await this.#store.start(id)
    const trigger = { kind: 'task', taskName: name, taskId: id, triggeredBy: by, triggeredAt: at }
    const failure = await runHandler(
      () => this.#deps.handlers.load(task.handler),
      this.#deps.context({ ...trigger, kind: 'task' }),
      task.timeoutSeconds,
    )
    await this.#store.finish(id, failure)
    if (failure) this.#deps.log.warn({ task: name, taskId: id, error: failure }, 'task run failed')
  }
}

/** A task's catch-up window in seconds (0: no catch-up). */
function catchUpWindowSeconds(task: TaskConfig): number {
  if (task.catchUp === true) return CATCH_UP_DEFAULT_SECONDS
  return task.catchUp === false ? 0 : task.catchUp
}
