import { describe, expect, it } from 'vitest'
import { apiKeyAllows, isKeyActive, isOriginAllowed } from '../src/core/keys/key-rules.js'
import type { KeyRecord } from '../src/core/keys/key-types.js'

const base: KeyRecord = {
  id: 'a'.repeat(24),
  type: 'api',
  name: 'k',
  prefix: 'bak_x',
  createdAt: new Date(),
  expiresAt: null,
  revokedAt: null,
  domains: [],
  modules: [],
  enforceSession: false,
  rateLimit: null,
  access: 'full',
  endpoints: [],
}

describe('isKeyActive', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  it.each([
    ['a fresh key', {}, true],
    ['a revoked key', { revokedAt: new Date(now) }, false],
    ['an expired key', { expiresAt: new Date('2025-12-31T23:59:59Z') }, false],
    ['a key expiring later', { expiresAt: new Date('2026-01-02T00:00:00Z') }, true],
  ])('%s', (_label, patch, expected) => {
    expect(isKeyActive({ ...base, ...patch }, now)).toBe(expected)
  })
})

describe('isOriginAllowed', () => {
  it.each([
    [[], undefined, true],
    [['example.com'], 'https://example.com', true],
    [['example.com'], 'https://example.com/some/page', true],
    [['example.com'], 'https://evil.com', false],
    [['example.com'], 'https://example.com.evil.com', false],
    [['example.com'], undefined, false],
    [['example.com'], 'not a url', false],
    [['*.example.com'], 'https://app.example.com', true],
    [['*.example.com'], 'https://example.com', false],
    [['*.example.com'], 'https://badexample.com', false],
    [['localhost:3000'], 'http://localhost:3000', true],
    [['localhost:3000'], 'http://localhost:4000', false],
    [['http://localhost:3000'], 'http://localhost:3000', true],
    [['http://localhost:3000'], 'https://localhost:3000', false],
    [['EXAMPLE.com '], 'https://example.com', true],
  ])('%j accepts %s: %s', (domains, origin, expected) => {
    expect(isOriginAllowed(domains, origin)).toBe(expected)
  })
})

describe('apiKeyAllows', () => {
  it.each([
    ['full', [], 'DELETE', '/orders/1', true],
    ['read-only', [], 'GET', '/orders', true],
    ['read-only', [], 'POST', '/orders', false],
    ['allow', ['/orders'], 'POST', '/orders', true],
    ['allow', ['/orders'], 'POST', '/orders/', true],
    ['allow', ['/orders'], 'GET', '/orders/1', false],
    ['allow', ['/orders/*'], 'GET', '/orders/1', true],
    ['allow', ['/orders/*'], 'GET', '/orders', true],
    ['allow', ['/orders/*'], 'GET', '/orderstatus', false],
    ['allow', ['POST /orders'], 'POST', '/orders', true],
    ['allow', ['POST /orders'], 'GET', '/orders', false],
    ['allow', ['orders'], 'GET', '/orders?x=1', true],
    ['deny', ['/admin/*'], 'GET', '/admin/users', false],
    ['deny', ['/admin/*'], 'GET', '/orders', true],
  ] as const)('%s %j: %s %s → %s', (access, endpoints, method, path, expected) => {
    expect(apiKeyAllows({ ...base, access, endpoints: [...endpoints] }, method, path)).toBe(
      expected,
    )
  })
})
