import { describe, expect, it } from 'vitest'
import {
  buildKeySpec,
  parseDuration,
  parseEndpoints,
  parseExpiry,
  parseList,
  parseModules,
  parseRateLimit,
} from '../src/keys/parse-key-options.js'

const NOW = new Date('2030-01-01T00:00:00Z')
const DAY = 86_400_000

describe('key option parsing', () => {
  it('reads durations in s, m, h, d and w', () => {
    expect(parseDuration('45s')).toBe(45_000)
    expect(parseDuration('90m')).toBe(90 * 60_000)
    expect(parseDuration('12h')).toBe(12 * 3_600_000)
    expect(parseDuration('30d')).toBe(30 * DAY)
    expect(parseDuration('2w')).toBe(14 * DAY)
    expect(parseDuration('30')).toBeUndefined()
    expect(parseDuration('1.5d')).toBeUndefined()
  })

  it('reads --expires as a duration from now or an ISO date in the future', () => {
    expect(parseExpiry('30d', NOW)).toEqual(new Date(NOW.getTime() + 30 * DAY))
    expect(parseExpiry('2031-06-01', NOW)).toEqual(new Date('2031-06-01T00:00:00Z'))
    expect(parseExpiry('2031-06-01T12:30:00Z', NOW)).toEqual(new Date('2031-06-01T12:30:00Z'))
    expect(() => parseExpiry('next week', NOW)).toThrow(
      "--expires: expected an ISO date (2030-01-31) or a duration like 30d or 12h, got 'next week'",
    )
    expect(() => parseExpiry('2031-13-45', NOW)).toThrow(/expected an ISO date/)
    expect(() => parseExpiry('2020-01-01', NOW)).toThrow(
      "--expires: '2020-01-01' is not in the future",
    )
    expect(() => parseExpiry('0d', NOW)).toThrow(/not in the future/)
  })

  it('reads --rate-limit as <max>/<seconds>s', () => {
    expect(parseRateLimit('100/60s')).toEqual({ max: 100, windowSeconds: 60 })
    expect(parseRateLimit('5/1')).toEqual({ max: 5, windowSeconds: 1 })
    expect(parseRateLimit('1000/1h')).toEqual({ max: 1000, windowSeconds: 3600 })
    for (const bad of ['100', '100/', 'x/60s', '0/60s', '10/0s', '10/60d', '-1/60s']) {
      expect(() => parseRateLimit(bad)).toThrow(
        `--rate-limit: expected <max>/<seconds>s with numbers above 0, like 100/60s, got '${bad}'`,
      )
    }
  })

  it('reads comma-separated lists, modules and endpoint patterns', () => {
    expect(parseList('--domains', ' a.com, *.b.com ,')).toEqual(['a.com', '*.b.com'])
    expect(() => parseList('--domains', ' , ')).toThrow(
      '--domains: expected a comma-separated list',
    )
    expect(parseModules('auth,db,auth')).toEqual(['auth', 'db'])
    expect(() => parseModules('auth,mail')).toThrow(
      "--modules: unknown module 'mail' (expected auth, db, storage, cache, queue, task, realtime, endpoint)",
    )
    expect(parseEndpoints('/orders,/admin/*,POST /users')).toEqual([
      '/orders',
      '/admin/*',
      'POST /users',
    ])
    expect(() => parseEndpoints('/ok,orders')).toThrow(
      "--endpoints: 'orders' is not an endpoint pattern (expected /path, /path/* or METHOD /path)",
    )
  })
})

describe('buildKeySpec', () => {
  it('builds a client key spec with a default name', () => {
    expect(
      buildKeySpec(
        {
          type: 'client',
          modules: 'auth,db',
          domains: 'example.com',
          enforceSession: true,
          rateLimit: '10/1s',
          expires: '1d',
        },
        NOW,
      ),
    ).toEqual({
      type: 'client',
      name: 'client key',
      modules: ['auth', 'db'],
      domains: ['example.com'],
      enforceSession: true,
      rateLimit: { max: 10, windowSeconds: 1 },
      expiresAt: new Date(NOW.getTime() + DAY),
    })
  })

  it('builds an api key spec', () => {
    expect(
      buildKeySpec({ type: 'api', name: 'backend', access: 'deny', endpoints: '/admin/*' }, NOW),
    ).toEqual({ type: 'api', name: 'backend', access: 'deny', endpoints: ['/admin/*'] })
  })

  it('refuses flags that do not fit the key type', () => {
    expect(() => buildKeySpec({ type: 'api', modules: 'auth' })).toThrow(
      '--modules applies to client keys only, not api keys',
    )
    expect(() => buildKeySpec({ type: 'api', enforceSession: true })).toThrow(
      '--enforce-session applies to client keys only',
    )
    expect(() => buildKeySpec({ type: 'api', rateLimit: '1/1s' })).toThrow(
      '--rate-limit applies to client keys only',
    )
    expect(() => buildKeySpec({ type: 'client', access: 'read-only' })).toThrow(
      '--access applies to api keys only, not client keys',
    )
    expect(() => buildKeySpec({ type: 'client', endpoints: '/a' })).toThrow(
      '--endpoints applies to api keys only',
    )
  })

  it('ties --endpoints to --access allow or deny', () => {
    expect(() => buildKeySpec({ type: 'api', access: 'allow' })).toThrow(
      '--access allow needs --endpoints',
    )
    expect(() => buildKeySpec({ type: 'api', access: 'full', endpoints: '/a' })).toThrow(
      '--endpoints needs --access allow or --access deny',
    )
    expect(() => buildKeySpec({ type: 'api', endpoints: '/a' })).toThrow(
      '--endpoints needs --access allow or --access deny',
    )
  })

  it('refuses a blank name', () => {
    expect(() => buildKeySpec({ type: 'client', name: '  ' })).toThrow(
      '--name: expected a non-empty name',
    )
  })
})
