import { describe, expect, it } from 'vitest'
import { apiUrl, toApiError } from '../src/api.js'
import { href, parseHash } from '../src/router.js'
import { formatBytes } from '../src/ui/format.js'
import { fromFormValue, toFormValue, toLocalInput } from '../src/views/data/field-values.js'
import type { FieldInfo } from '../src/views/data/model-types.js'
import { describeRights, keyState } from '../src/views/keys/key-types.js'
import type { AdminKey } from '../src/views/keys/key-types.js'

const field = (type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name: 'f',
  type,
  required: false,
  readOnly: false,
  unique: false,
  ...extra,
})

describe('console api helpers', () => {
  it('builds admin URLs, leaving out empty query values', () => {
    expect(apiUrl('/users', { search: '', page: 2, size: 25, x: undefined, y: null })).toBe(
      '/_api/admin/v1/users?page=2&size=25',
    )
    expect(apiUrl('/models/a b/objects', { filter: "a == 'x'" })).toBe(
      '/_api/admin/v1/models/a b/objects?filter=a+%3D%3D+%27x%27',
    )
  })

  it('reads the first error of the envelope, with its code and details', () => {
    const error = toApiError(400, {
      errors: [
        {
          origin: 'db',
          code: 'validation_error',
          message: 'title: is required',
          details: { field: 'title' },
        },
      ],
    })
    expect([error.status, error.code, error.message, error.details]).toEqual([
      400,
      'validation_error',
      'title: is required',
      { field: 'title' },
    ])
  })

  it('words a failure without an envelope', () => {
    expect(toApiError(502, '<html>').message).toBe('Request failed (502).')
    expect(toApiError(0, undefined).message).toBe('The server could not be reached.')
  })
})

describe('console hash router', () => {
  it('splits the view and decodes its segments', () => {
    expect(parseHash('#/data/posts/abc')).toEqual({ view: 'data', path: ['posts', 'abc'] })
    expect(parseHash('')).toEqual({ view: 'overview', path: [] })
    expect(parseHash(href('cache', 'user:1/a b'))).toEqual({ view: 'cache', path: ['user:1/a b'] })
  })
})

describe('console data form values', () => {
  it('parses numbers, refusing text and fractions for integers', () => {
    expect(fromFormValue(field('integer'), ' 42 ')).toEqual({ ok: true, value: 42 })
    expect(fromFormValue(field('integer'), '1.5')).toEqual({
      ok: false,
      error: 'Enter a whole number.',
    })
    expect(fromFormValue(field('decimal'), 'abc')).toEqual({ ok: false, error: 'Enter a number.' })
    expect(fromFormValue(field('decimal'), '')).toEqual({ ok: true, value: null })
  })

  it('round-trips JSON fields and refuses broken JSON', () => {
    const geo = field('geo-point')
    expect(toFormValue(geo, [2.35, 48.85])).toBe('[2.35,48.85]')
    expect(fromFormValue(geo, '[2.35,48.85]')).toEqual({ ok: true, value: [2.35, 48.85] })
    expect(fromFormValue(field('json'), '{"a":')).toMatchObject({ ok: false })
  })

  it('turns a local date-time input into the same instant', () => {
    const iso = '2026-03-04T05:06:07.000Z'
    const local = toLocalInput(iso)
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/)
    expect(fromFormValue(field('date-time'), local)).toEqual({ ok: true, value: iso })
  })

  it('keeps option lists and booleans as chosen', () => {
    expect(toFormValue(field('option-list'), null)).toEqual([])
    expect(fromFormValue(field('option-list'), ['a', 'c'])).toEqual({ ok: true, value: ['a', 'c'] })
    expect(toFormValue(field('boolean'), null)).toBe(false)
  })
})

describe('console formatting', () => {
  it('formats byte counts in binary units', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(10 * 1024 * 1024)]).toEqual([
      '512 B',
      '1.5 KB',
      '10 MB',
    ])
  })

  it('describes key rights and state', () => {
    const key: AdminKey = {
      id: 'k',
      type: 'client',
      name: 'web',
      prefix: 'bck_1',
      createdAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-02-01T00:00:00Z',
      revokedAt: null,
      domains: [],
      modules: ['auth', 'db'],
      enforceSession: true,
      rateLimit: { max: 10, windowSeconds: 60 },
      access: 'full',
      endpoints: [],
    }
    expect(describeRights(key)).toBe('auth, db · session required · 10 / 60s')
    expect(keyState(key, Date.parse('2026-01-15T00:00:00Z'))).toBe('active')
    expect(keyState(key, Date.parse('2026-03-01T00:00:00Z'))).toBe('expired')
    expect(describeRights({ ...key, type: 'api', access: 'deny', endpoints: ['/a'] })).toBe(
      'deny: /a',
    )
  })
})
