import { describe, expect, it } from 'vitest'
import { formatTtl } from './cache-types.js'
import { parseEntry } from './value-form.js'

describe('parseEntry', () => {
  it('parses the value as JSON and the TTL as whole seconds', () => {
    expect(parseEntry({ value: '{"a": [1, 2]}', ttl: ' 60 ' })).toEqual({
      body: { value: { a: [1, 2] }, ttlSeconds: 60 },
    })
    expect(parseEntry({ value: '"text"', ttl: '' })).toEqual({ body: { value: 'text' } })
  })
  it('puts an error at each bad field', () => {
    const parsed = parseEntry({ value: 'text', ttl: '1.5' })
    expect(parsed.errors?.value).toMatch(/Not valid JSON/)
    expect(parsed.errors?.ttl).toMatch(/whole number/)
    expect(parseEntry({ value: '1', ttl: '0' }).errors?.ttl).toBeDefined()
    expect(parseEntry({ value: '', ttl: '' }).errors?.value).toBeDefined()
  })
})

describe('formatTtl', () => {
  it('says no expiry, or the two largest units', () => {
    expect(formatTtl(null)).toBe('No expiry')
    expect(formatTtl(42)).toBe('42 s')
    expect(formatTtl(303)).toBe('5 min 3 s')
    expect(formatTtl(7800)).toBe('2 h 10 min')
    expect(formatTtl(3600)).toBe('1 h')
    expect(formatTtl(90061)).toBe('1 d 1 h')
  })
})
