import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api.js'
import { NAME_CODES, fieldError, formError } from './field-error.js'

describe('fieldError and formError', () => {
  const taken = new ApiError(409, 'bucket_already_exists', 'A bucket of this name exists.', {})
  const issue = new ApiError(400, 'validation_error', 'key: too long', {
    issues: [{ path: 'key', message: 'too long' }],
  })
  const other = new ApiError(500, 'internal_error', 'Boom.', undefined)

  it('puts name codes and validation issues at their field', () => {
    expect(fieldError(taken, 'name', NAME_CODES)).toBe('A bucket of this name exists.')
    expect(formError(taken, ['name'], NAME_CODES)).toBeNull()
    expect(fieldError(issue, 'key')).toBe('too long')
    expect(formError(issue, ['key', 'value'])).toBeNull()
  })
  it('leaves every other error to the form', () => {
    expect(fieldError(taken, 'name')).toBeUndefined()
    expect(fieldError(other, 'name', NAME_CODES)).toBeUndefined()
    expect(formError(other, ['name'], NAME_CODES)).toBe(other)
    expect(fieldError(new Error('x'), 'name')).toBeUndefined()
  })
})
