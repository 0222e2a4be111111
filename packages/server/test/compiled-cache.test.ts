import { describe, expect, it } from 'vitest'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import { cachedSql, SESSION_USER } from '../src/core/db/query/compiled-cache.js'

describe('compiled expression cache', () => {
  const compileOwner = (own: SqlParams, userId: string | null) =>
    `t.owner = ${own.add(userId)} AND t.n > ${own.add(5)}`

  it('compiles once per key and session kind, binding each caller its own user', () => {
    let compiled = 0
    const compile = (own: SqlParams, userId: string | null) => {
      compiled += 1
      return compileOwner(own, userId)
    }
    const first = new SqlParams()
    expect(cachedSql('k1', 'alice', first, compile)).toBe('t.owner = $1 AND t.n > $2')
    expect(first.values).toEqual(['alice', 5])
    const second = new SqlParams()
    second.add('earlier')
    expect(cachedSql('k1', 'bob', second, compile)).toBe('t.owner = $2 AND t.n > $3')
    expect(second.values).toEqual(['earlier', 'bob', 5])
    expect(compiled).toBe(1)
    const anonymous = new SqlParams()
    cachedSql('k1', null, anonymous, compile)
    expect(anonymous.values).toEqual([null, 5])
    expect(compiled).toBe(2)
  })

  it('never keeps a real user id in the cache', () => {
    const params = new SqlParams()
    cachedSql('k2', 'carol', params, (own, userId) => {
      expect(userId).toBe(SESSION_USER)
      return compileOwner(own, userId)
    })
    expect(params.values).toEqual(['carol', 5])
  })

  it('keeps nothing of a compile that fails', () => {
    const failing = () => {
      throw new Error('bad expression')
    }
    expect(() => cachedSql('k3', null, new SqlParams(), failing)).toThrow('bad expression')
    const params = new SqlParams()
    expect(cachedSql('k3', null, params, compileOwner)).toBe('t.owner = $1 AND t.n > $2')
  })
})
