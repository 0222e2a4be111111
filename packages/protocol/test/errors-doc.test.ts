import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLIENT_ERROR_CATALOG, ERROR_CATALOG, originForStatus } from '../src/errors.js'

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8')

/** The `code | status` rows of the table under a heading of docs/errors.md. */
function documented(heading: string): Map<string, number> {
  const section = doc.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? ''
  const rows = [...section.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d+)\s*\|/gm)]
  return new Map(rows.map((row) => [row[1]!, Number(row[2])]))
}

describe('docs/errors.md', () => {
  it.each([
    ['Server codes', ERROR_CATALOG],
    ['Client codes', CLIENT_ERROR_CATALOG],
  ] as const)(
    'lists every code of the %s catalog with its status, and no other',
    (heading, catalog) => {
      const listed = documented(heading)
      const expected = new Map(Object.entries(catalog).map(([code, spec]) => [code, spec.status]))
      expect(listed).toEqual(expected)
    },
  )
})

describe('originForStatus', () => {
  it('is client_error for 4xx and server_error otherwise', () => {
    expect([400, 404, 499, 500, 503].map(originForStatus)).toEqual([
      'client_error',
      'client_error',
      'client_error',
      'server_error',
      'server_error',
    ])
  })
})
