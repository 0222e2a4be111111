import { describe, expect, it } from 'vitest'
import { StatementNames } from '../src/adapters/database/postgres/statement-names.js'

describe('prepared statement names', () => {
  it('gives one stable name per SQL text', () => {
    const names = new StatementNames()
    const a = names.nameOf('SELECT 1')
    expect(a).toMatch(/^b_[0-9a-f]{24}$/)
    expect(names.nameOf('SELECT 1')).toBe(a)
    expect(names.nameOf('SELECT 2')).not.toBe(a)
  })

  it('names no new text past the cap, and keeps the names it gave', () => {
    const names = new StatementNames(2)
    const first = names.nameOf('SELECT 1')
    names.nameOf('SELECT 2')
    expect(names.nameOf('SELECT 3')).toBeUndefined()
    expect(names.nameOf('SELECT 1')).toBe(first)
  })
})
