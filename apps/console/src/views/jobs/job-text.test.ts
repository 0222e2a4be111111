import { describe, expect, it } from 'vitest'
import { errorSummary, relativeTime } from './job-text.js'

describe('relativeTime', () => {
  const now = Date.parse('2026-01-01T12:00:00Z')
  it('counts seconds, minutes, hours and days either way', () => {
    expect(relativeTime('2026-01-01T12:00:42Z', now)).toBe('in 42 s')
    expect(relativeTime('2026-01-01T11:55:00Z', now)).toBe('5 min ago')
    expect(relativeTime('2026-01-01T15:30:00Z', now)).toBe('in 3 h')
    expect(relativeTime('2025-12-30T12:00:00Z', now)).toBe('2 d ago')
    expect(relativeTime('2026-01-01T12:00:00.200Z', now)).toBe('now')
  })
  it('answers nothing for a missing or bad date', () => {
    expect(relativeTime(null, now)).toBe('')
    expect(relativeTime('soon', now)).toBe('')
  })
})

describe('errorSummary', () => {
  it('finds the words in the shapes errors come in', () => {
    expect(errorSummary(null)).toBe('')
    expect(errorSummary({ message: 'boom', stack: 'x' })).toBe('boom')
    expect(errorSummary([{ message: 'a' }, 'b'])).toBe('a; b')
    expect(errorSummary({ items: [{ message: 'deep' }] })).toBe('deep')
    expect(errorSummary({ code: 42 })).toBe('{"code":42}')
  })
})
