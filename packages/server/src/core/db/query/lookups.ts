import { fail } from '../../../tools/errors.js'
import { callerUserId } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { parseCached } from '../expressions/parse/parse-cached.js'
import { compileCondition } from '../expressions/sql/compile.js'
import { rowJson } from '../expressions/sql/row-json.js'
import type { QueryLookup, SqlParams } from '../expressions/sql/sql-types.js'
import type { ResolvedModel } from '../model-types.js'
import { tableName } from '../write/insert-rows.js'
import { accessCondition, readAccessHook } from './access.js'
import { QUERY_LIMITS } from './query-input.js'
import type { LookupInput } from './query-input.js'

/**
 * The lookups of a query checked against the model: a simple lookup names a reference field;
 * a complex one a model, a new key that is not a field, and a query that parses.
 */
export function resolveLookups(
  context: DataContext,
  model: ResolvedModel,
  inputs: readonly LookupInput[] | null,
): ReadonlyMap<string, QueryLookup> {
  const lookups = new Map<string, QueryLookup>()
  if (!inputs) return lookups
  if (inputs.length > QUERY_LIMITS.maxLookups) {
    throw fail('invalid_query', `a query may have at most ${QUERY_LIMITS.maxLookups} lookups`)
  }
  for (const input of inputs) {
    const lookup =
      'field' in input
        ? simpleLookup(context, model, input.field)
        : complexLookup(context, model, input)
    if (lookups.has(lookup.name))
      throw fail('invalid_query', `two lookups are named '${lookup.name}'`)
    lookups.set(lookup.name, lookup)
  }
  return lookups
}

function simpleLookup(context: DataContext, model: ResolvedModel, name: string): QueryLookup {
  const field = model.fields.get(name)
  if (!field)
    throw fail('unknown_field', `model '${model.name}' has no field '${name}' to look up`, {
      field: name,
    })
  const target = field.reference ? context.catalog.models.get(field.reference) : undefined
  if (!target) {
    throw fail(
      'invalid_query',
      `field '${name}' of model '${model.name}' is not a reference; a simple lookup needs one`,
      {
        field: name,
      },
    )
  }
  return { kind: 'simple', name, target }
}

function complexLookup(
  context: DataContext,
  model: ResolvedModel,
  input: { name: string; modelName: string; query: string },
): QueryLookup {
  if (model.fields.has(input.name) || input.name.startsWith('_')) {
    throw fail(
      'invalid_query',
      `lookup name '${input.name}' clashes with a field of model '${model.name}'`,
      {
        lookup: input.name,
      },
    )
  }
  const target = context.catalog.models.get(input.modelName)
  if (!target)
    throw fail('unknown_model', `no model is named '${input.modelName}'`, {
      model: input.modelName,
    })
  return { kind: 'complex', name: input.name, target, query: parseCached(input.query) }
}

/**
 * The SQL of an object with its lookups merged in: a simple lookup replaces the id with the
 * target object, a complex one adds its first match under its name; no match, no key.
 */
export function withLookups(
  context: DataContext,
  model: ResolvedModel,
  alias: string,
  document: string,
  lookups: ReadonlyMap<string, QueryLookup>,
  params: SqlParams,
): string {
  let sql = document
  let index = 0
  for (const lookup of lookups.values()) {
    const la = `${alias}_lk${index++}`
    const target = rowJson(lookup.target, la, context.catalog)
    const access = accessCondition(context, lookup.target, 'read', la, params)
    const key = params.add(lookup.name)
    if (lookup.kind === 'simple') {
      const column = model.fields.get(lookup.name)?.column as string
      sql = `(${sql} - ${key}::text) || coalesce((SELECT jsonb_build_object(${key}::text, ${target}) FROM ${tableName(lookup.target)} ${la} WHERE ${la}."_id" = ${alias}."${column}" AND ${access}), '{}'::jsonb)`
    } else {
      const scope = {
        catalog: context.catalog,
        model,
        alias,
        lookup: { model: lookup.target, alias: la },
        session: { userId: callerUserId(context) },
        readAccess: readAccessHook(context, params),
        purpose: 'lookup' as const,
      }
      const condition = compileCondition(lookup.query, scope, params)
      sql = `${sql} || coalesce((SELECT jsonb_build_object(${key}::text, ${target}) FROM ${tableName(lookup.target)} ${la} WHERE ${condition} AND ${access} ORDER BY ${la}."_id" LIMIT 1), '{}'::jsonb)`
    }
  }
  return sql
}
