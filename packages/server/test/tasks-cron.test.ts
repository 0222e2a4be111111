import { describe, expect, it } from 'vitest'
import { CronSchedule, scheduleProblem } from '../src/core/functions/tasks/cron-ticker.js'

const at = (iso: string) => new Date(`2026-01-01T${iso}Z`)

describe('cron schedules of tasks', () => {
  it('answers each tick once, the latest when several passed', () => {
    const schedule = new CronSchedule('*/2 * * * * *', 'UTC', at('00:00:00.500'))
    expect(schedule.due(at('00:00:01'))).toBeUndefined()
    expect(schedule.due(at('00:00:02.100'))).toEqual(at('00:00:02'))
    expect(schedule.due(at('00:00:02.300'))).toBeUndefined()
    expect(schedule.due(at('00:00:09'))).toEqual(at('00:00:08'))
    expect(schedule.due(at('00:00:09.500'))).toBeUndefined()
  })

  it('reads five fields as minutes and follows the time zone', () => {
    const schedule = new CronSchedule('0 3 * * *', 'Europe/Paris', at('00:00:00'))
    expect(schedule.due(at('02:00:00'))).toEqual(at('02:00:00')) // 03:00 in Paris
  })

  it('names the problem of a bad schedule or time zone', () => {
    expect(scheduleProblem('* * * * * *', 'UTC')).toBeUndefined()
    expect(scheduleProblem('every day', 'UTC')).toEqual(expect.any(String))
    expect(scheduleProblem('0 3 * * *', 'Mars/Base')).toMatch(/unknown time zone 'Mars\/Base'/)
  })
})
