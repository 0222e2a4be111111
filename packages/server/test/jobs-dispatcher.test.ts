import type PgBoss from 'pg-boss'
import { describe, expect, it } from 'vitest'
import type { Job } from '../src/adapters/jobs/job-queue.js'
import { QueueDispatcher } from '../src/adapters/jobs/pg-boss/queue-dispatcher.js'

interface FakeJob {
  id: string
  data: Record<string, unknown>
  retryCount: number
  expireInSeconds: number
  state: 'created' | 'active' | 'completed' | 'failed'
  failure?: string
}

/** The part of pg-boss a dispatcher uses, in memory: fetch marks jobs active, in order. */
function fakeBoss() {
  const jobs: FakeJob[] = []
  const fetches: number[] = []
  const boss = {
    fetch: async (_queue: string, options: { batchSize: number }) => {
      fetches.push(options.batchSize)
      const taken = jobs.filter((job) => job.state === 'created').slice(0, options.batchSize)
      for (const job of taken) job.state = 'active'
      return taken.map((job) => ({ ...job }))
    },
    complete: async (_queue: string, id: string) => {
      const job = jobs.find((each) => each.id === id)
      if (job?.state === 'active') job.state = 'completed'
    },
    fail: async (_queue: string, id: string, error: Error) => {
      const job = jobs.find((each) => each.id === id)
      if (job?.state === 'active') Object.assign(job, { state: 'failed', failure: error.message })
    },
  }
  const add = (count: number, expireInSeconds = 60) => {
    for (let i = 0; i < count; i++) {
      const id = `job-${jobs.length + 1}`
      jobs.push({ id, data: { n: jobs.length }, retryCount: 0, expireInSeconds, state: 'created' })
    }
  }
  return { boss: boss as unknown as PgBoss, jobs, fetches, add }
}

function dispatcher(
  boss: PgBoss,
  handler: (job: Job) => Promise<void>,
  options: { concurrency?: number; pollMs?: number } = {},
) {
  const errors: Error[] = []
  const each = new QueueDispatcher({
    boss,
    queue: 'q',
    concurrency: options.concurrency ?? 3,
    handler,
    pollMs: options.pollMs ?? 1000,
    onError: (error) => errors.push(error),
  })
  return { dispatcher: each, errors }
}

/** A promise and its resolve function. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

const until = async (check: () => boolean, ms = 5000) => {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('the queue dispatcher (one fetch loop per queue and process)', () => {
  it('asks an idle queue once per interval, whatever its concurrency', async () => {
    const { boss, fetches } = fakeBoss()
    const { dispatcher: d } = dispatcher(boss, async () => undefined, {
      concurrency: 10,
      pollMs: 50,
    })
    d.start()
    await new Promise((resolve) => setTimeout(resolve, 520))
    await d.stop(100)
    // One worker loop per slot (pg-boss's work()) would have asked about 100 times.
    expect(fetches.length).toBeGreaterThanOrEqual(5)
    expect(fetches.length).toBeLessThanOrEqual(12)
    expect(new Set(fetches)).toEqual(new Set([10]))
  })

  it('runs at most `concurrency` jobs at once, fetching for the free slots, and completes each', async () => {
    const { boss, jobs, fetches, add } = fakeBoss()
    add(10)
    const release = gate()
    let running = 0
    let most = 0
    const { dispatcher: d, errors } = dispatcher(
      boss,
      async () => {
        running++
        most = Math.max(most, running)
        await release.opened
        running--
      },
      { concurrency: 4 },
    )
    d.start()
    await until(() => d.running === 4)
    expect(fetches[0]).toBe(4)
    expect(jobs.filter((job) => job.state === 'active')).toHaveLength(4)
    release.open()
    await until(() => jobs.every((job) => job.state === 'completed'))
    expect(most).toBe(4)
    // After the first batch, each fetch asked only for the slots that had freed.
    expect(Math.max(...fetches.slice(1))).toBeLessThanOrEqual(4)
    await d.stop(100)
    expect(errors).toEqual([])
  })

  it('starts a job at once when woken, not at the next poll', async () => {
    const { boss, fetches, add } = fakeBoss()
    const started = gate()
    const { dispatcher: d } = dispatcher(boss, async () => started.open(), { pollMs: 60_000 })
    d.start()
    await until(() => fetches.length === 1)
    add(1)
    const before = Date.now()
    d.wake()
    await started.opened
    expect(Date.now() - before).toBeLessThan(1000)
    await d.stop(100)
  })

  it('fails the attempt of a handler that rejects, with its error, and goes on', async () => {
    const { boss, jobs, add } = fakeBoss()
    add(2)
    const { dispatcher: d } = dispatcher(boss, async (job) => {
      if (job.data.n === 0) throw new Error('no stock')
    })
    d.start()
    await until(() => jobs.every((job) => job.state !== 'created' && job.state !== 'active'))
    expect(jobs.map((job) => [job.state, job.failure])).toEqual([
      ['failed', 'no stock'],
      ['completed', undefined],
    ])
    await d.stop(100)
  })

  it('fails a job whose handler runs past its expiry', async () => {
    const { boss, jobs, add } = fakeBoss()
    add(1, 1)
    const { dispatcher: d } = dispatcher(boss, () => new Promise<void>(() => undefined))
    d.start()
    await until(() => jobs[0]?.state === 'failed', 3000)
    expect(jobs[0]?.failure).toBe('handler execution exceeded 1000ms')
    await d.stop(100)
  })

  it('on stop, waits for running jobs, then fails those still running and records nothing later', async () => {
    const { boss, jobs, fetches, add } = fakeBoss()
    add(2)
    const late = gate()
    const { dispatcher: d } = dispatcher(boss, async (job) => {
      if (job.data.n === 0) await new Promise((resolve) => setTimeout(resolve, 50))
      else await late.opened
    })
    d.start()
    await until(() => d.running === 2)
    await d.stop(300)
    expect(jobs.map((job) => [job.state, job.failure])).toEqual([
      ['completed', undefined],
      ['failed', 'shut down while running'],
    ])
    const asked = fetches.length
    late.open()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(jobs[1]?.state).toBe('failed')
    expect(fetches.length).toBe(asked)
  })
})
