import { fail } from '../../../tools/errors.js'
import { callerUserId } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { parseCached } from '../expressions/parse/parse-cached.js'
import { compileCondition } from '../expressions/sql/compile.js'
import type { SqlParams } from '../expressions/sql/sql-types.js'
import type { ResolvedAccess, ResolvedModel } from '../model-types.js'
import { tableName } from '../write/insert-rows.js'
import { cachedSql, modelKey } from './compiled-cache.js'

/** The operations an access rule governs. */
export type AccessOperation = keyof ResolvedAccess

/** The top-level model a sub-model belongs to (itself for a top-level model). */
export function rootOf(model: ResolvedModel): ResolvedModel {
  let current = model
  while (current.parent) current = current.parent
  return current
}

/**
 * The rule that governs `operation` on `model` for a client. A sub-object belongs to its
 * top-level object: reading it is reading that object, any change to it is updating that object.
 */
function ruleFor(model: ResolvedModel, operation: AccessOperation): string {
  const root = rootOf(model)
  const governing = model === root || operation === 'read' ? operation : 'update'
  const rule = root.access[governing]
  if (rule !== undefined) return rule
  throw fail(
    'model_closed',
    `model '${root.name}' has no '${governing}' access rule, so client keys may not ${governing} it; ` +
      `declare access: { ${governing}: '<expression>' } on the model (for example 'true', or ` +
      `'this.owner == session.userId') to open it`,
    { model: root.name, operation: governing },
  )
}

/**
 * A SQL condition (never NULL) that keeps the rows of `model` (alias `alias`) the caller may
 * `operation`: `TRUE` for app code, the compiled access rule for a client key.
 */
export function accessCondition(
  context: DataContext,
  model: ResolvedModel,
  operation: Exclude<AccessOperation, 'create'>,
  alias: string,
  params: SqlParams,
  userId: string | null = callerUserId(context),
): string {
  if (context.caller.kind === 'app') return 'TRUE'
  const rule = ruleFor(model, operation)
  if (rule.trim() === 'true') return 'TRUE'
  const key = `access\u0000${modelKey(model)}\u0000${operation}\u0000${alias}`
  return cachedSql(key, userId, params, (own, session) =>
    compileRule(context, model, rule, alias, own, session),
  )
}

function compileRule(
  context: DataContext,
  model: ResolvedModel,
  rule: string,
  alias: string,
  params: SqlParams,
  userId: string | null,
): string {
  const root = rootOf(model)
  const session = { userId }
  const ast = parseCached(rule)
  if (root === model) {
    return compileCondition(
      ast,
      { catalog: context.catalog, model, alias, session, purpose: 'access' },
      params,
    )
  }
  const rootAlias = `${alias}_root`
  const condition = compileCondition(
    ast,
    { catalog: context.catalog, model: root, alias: rootAlias, session, purpose: 'access' },
    params,
  )
  return `EXISTS (SELECT 1 FROM ${tableName(root)} ${rootAlias} WHERE ${rootAlias}."_id" = ${rootIdOf(model, alias)} AND ${condition})`
}

/** The SQL of the top-level `_id` of a sub-model row, walking up the `_parent` chain. */
export function rootIdOf(model: ResolvedModel, alias: string): string {
  let sql = `${alias}."_parent"`
  let current = model.parent
  let depth = 0
  while (current?.parent) {
    const up = `${alias}_up${depth++}`
    sql = `(SELECT ${up}."_parent" FROM ${tableName(current)} ${up} WHERE ${up}."_id" = ${sql})`
    current = current.parent
  }
  return sql
}

/**
 * Checks a client's create of a top-level object against the model's `create` rule, evaluated
 * in memory on the object as it would be stored. App code is not checked.
 */
export function checkCreateAccess(
  context: DataContext,
  model: ResolvedModel,
  view: Record<string, unknown>,
): void {
  if (context.caller.kind === 'app') return
  const rule = ruleFor(model, 'create')
  const now = context.now()
  const value = context.expressions.evaluate(rule, view, { now, userId: callerUserId(context) })
  if (!context.expressions.isTruthy(value)) {
    throw fail(
      'access_denied',
      `the 'create' access rule of model '${model.name}' refuses this object`,
      {
        model: model.name,
        operation: 'create',
      },
    )
  }
}

/**
 * The check a client's expressions put on rows of other models they reach (a reference path,
 * a lookup in a filter): the target's read rule, on a row of its own alias so that the rule's
 * SQL cannot mix with the aliases around it. App code gets none.
 */
export function readAccessHook(
  context: DataContext,
  params: SqlParams,
  userId: string | null = callerUserId(context),
): ((model: ResolvedModel, alias: string) => string) | undefined {
  if (context.caller.kind === 'app') return undefined
  let count = 0
  return (model, alias) => {
    const own = `ra${++count}`
    const condition = accessCondition(context, model, 'read', own, params, userId)
    if (condition === 'TRUE') return 'TRUE'
    return `EXISTS (SELECT 1 FROM ${tableName(model)} ${own} WHERE ${own}."_id" = "${alias}"."_id" AND ${condition})`
  }
}
