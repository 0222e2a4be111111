import { fail } from '../../../tools/errors.js'
import type { ModelCatalog } from '../model-types.js'

/**
 * A PostgreSQL error of a write as a catalog error: a unique violation names the field (from
 * the index name `<table>_<column>_key`); anything else is rethrown as is.
 */
export function mapWriteError(error: unknown, catalog: ModelCatalog): unknown {
  const pg = error as { code?: string; constraint?: string }
  if (pg.code !== '23505' || !pg.constraint) return error
  for (const model of catalog.models.values()) {
    for (const field of model.fields.values()) {
      if (field.column && pg.constraint === `${model.table}_${field.column}_key`) {
        return fail(
          'duplicate_value',
          `another object of '${model.name}' already has this ${field.name}`,
          {
            model: model.name,
            field: field.name,
          },
        )
      }
    }
  }
  return fail('duplicate_value', undefined, { constraint: pg.constraint })
}
