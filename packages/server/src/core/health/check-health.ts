import type { Database } from '../../adapters/database/database.js'

/** The state of one dependency. */
export interface DependencyHealth {
  status: 'up' | 'down'
  latencyMs?: number
  error?: string
}

/** What GET /_api/health reports. */
export interface HealthReport {
  status: 'ok' | 'degraded'
  database: DependencyHealth
}

const PING_TIMEOUT_MS = 2000

/** Pings the database (bounded in time) and reports each dependency. */
export async function checkHealth(
  db: Database,
  timeoutMs: number = PING_TIMEOUT_MS,
): Promise<HealthReport> {
  const database = await probe(() => db.ping(), timeoutMs)
  return { status: database.status === 'up' ? 'ok' : 'degraded', database }
}

async function probe(ping: () => Promise<number>, timeoutMs: number): Promise<DependencyHealth> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    const latencyMs = await Promise.race([ping(), timeout])
    return { status: 'up', latencyMs: Math.round(latencyMs * 100) / 100 }
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}
