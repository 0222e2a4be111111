import type { ModelCatalog, ResolvedModel } from '../model-types.js'
import type { SchemaState } from './read-schema.js'
import { SchemaChangeError } from './schema-plan.js'
import { searchableFields } from './search-vector.js'

/**
 * Refuses models the database cannot serve: fuzzy search without the pg_trgm extension, and a
 * search language that is not one of its text search configurations.
 */
export function checkEnvironment(state: SchemaState, catalog: ModelCatalog): void {
  const problems: string[] = []
  const fuzzy = [...catalog.models.values()].flatMap((model) =>
    [...model.fields.values()]
      .filter((field) => field.fuzzySearchable)
      .map((field) => `${model.name}.${field.name}`),
  )
  if (fuzzy.length > 0 && !state.trigramSchema) {
    problems.push(
      `${fuzzy.join(', ')} ${fuzzy.length === 1 ? 'is' : 'are'} fuzzySearchable, which needs ` +
        'the PostgreSQL extension pg_trgm, and this database does not have it: install it with ' +
        "`CREATE EXTENSION pg_trgm` as a superuser (packaged with PostgreSQL's contrib modules), " +
        'or drop fuzzySearchable',
    )
  }
  const checked = new Set<string>()
  for (const model of catalog.models.values()) {
    // Sub-models search in their top-level model's language: it is named once, by that model.
    const top = topLevel(model)
    if (searchableFields(model).length === 0 || checked.has(top.name)) continue
    checked.add(top.name)
    if (!state.searchConfigs.has(top.searchLanguage)) {
      const known = [...state.searchConfigs].sort().join(', ')
      problems.push(
        `${top.name}: searchLanguage '${top.searchLanguage}' is not a text search ` +
          `configuration of this PostgreSQL (it has: ${known})`,
      )
    }
  }
  if (problems.length > 0) throw new SchemaChangeError(problems.join('\n'))
}

function topLevel(model: ResolvedModel): ResolvedModel {
  return model.parent ? topLevel(model.parent) : model
}
