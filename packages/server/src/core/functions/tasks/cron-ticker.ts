import cronParser from 'cron-parser'

/** A task's cron schedule: the tick due now, if any, and then the next one. */
export class CronSchedule {
  readonly #expression: string
  readonly #timeZone: string
  #next: Date

  /** Throws a readable Error when the schedule or time zone is not valid. */
  constructor(expression: string, timeZone: string, now = new Date()) {
    this.#expression = expression
    this.#timeZone = timeZone
    this.#next = this.#after(now)
  }

  /** The tick that came due by `now` (a later one when several passed: missed ticks are skipped). */
  due(now = new Date()): Date | undefined {
    if (now < this.#next) return undefined
    let tick = this.#next
    for (let next = this.#after(tick); next <= now; next = this.#after(next)) tick = next
    this.#next = this.#after(tick)
    return tick
  }

  #after(date: Date): Date {
    return cronParser
      .parseExpression(this.#expression, { currentDate: date, tz: this.#timeZone })
      .next()
      .toDate()
  }
}

/** The first tick of a schedule after `after`, or null when the schedule is not valid. */
export function nextTick(expression: string, timeZone: string, after = new Date()): Date | null {
  try {
    return cronParser
      .parseExpression(expression, { currentDate: after, tz: timeZone })
      .next()
      .toDate()
  } catch {
    return null
  }
}

/** The last tick of a schedule at or before `at`, or null when the schedule is not valid. */
export function previousTick(expression: string, timeZone: string, at = new Date()): Date | null {
  try {
    // prev() answers ticks strictly before its date: a tick at `at` itself counts.
    return cronParser
      .parseExpression(expression, { currentDate: new Date(at.getTime() + 1), tz: timeZone })
      .prev()
      .toDate()
  } catch {
    return null
  }
}

/** Checks a schedule; answers the problem, or undefined when it is valid. */
export function scheduleProblem(expression: string, timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    return `unknown time zone '${timeZone}' (expected an IANA name such as 'Europe/Paris')`
  }
  try {
    new CronSchedule(expression, timeZone)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
