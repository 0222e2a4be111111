import type { Database } from '../../adapters/database/database.js'
import { isBasaltError } from '../../tools/errors.js'
import type { FieldCipher } from '../../tools/field-cipher.js'
import type { Caller, DataContext } from './data-context.js'
import { checkFunctions } from './expressions/check-functions.js'
import { parseExpression } from './expressions/parse/parse-expression.js'
import { memoryExpressions } from './memory-expressions.js'
import type { ModelCatalog, ResolvedModel } from './model-types.js'

/**
 * The app's database for the routes (a client key, held to the access rules) and for app code
 * (full access): `service.as(caller)` gives the context every operation takes.
 */
export class DatabaseService {
  constructor(
    private readonly db: Database,
    readonly catalog: ModelCatalog,
    private readonly cipher: FieldCipher | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The context of one caller's operations. */
  as(caller: Caller): DataContext {
    return {
      db: this.db,
      catalog: this.catalog,
      expressions: memoryExpressions,
      caller,
      now: this.clock,
      cipher: this.cipher,
    }
  }

  /** Full access, for endpoints, queues and tasks. */
  app(): DataContext {
    return this.as({ kind: 'app' })
  }
}

/**
 * Parses every expression of the model declarations (defaults, rules, messages, access rules),
 * so that a typo stops the start with the model and field named instead of failing a request.
 */
export function checkModelExpressions(catalog: ModelCatalog): string[] {
  const problems: string[] = []
  const check = (where: string, source: string | undefined, inQuery: boolean) => {
    if (source === undefined) return
    try {
      checkFunctions(parseExpression(source), { inQuery })
    } catch (error) {
      if (!isBasaltError(error)) throw error
      problems.push(`${where}: ${error.message}`)
    }
  }
  for (const model of catalog.models.values()) {
    for (const field of model.fields.values()) {
      const at = `model '${model.name}', field '${field.name}'`
      check(`${at} defaultValue`, field.defaultValue, false)
      for (const rule of field.rules) {
        check(`${at} rule '${rule.name}'`, rule.rule, false)
        check(`${at} rule '${rule.name}' message`, rule.message, false)
      }
    }
    if (!model.parent) checkAccess(model, check)
  }
  return problems
}

function checkAccess(
  model: ResolvedModel,
  check: (where: string, source: string | undefined, inQuery: boolean) => void,
): void {
  check(`model '${model.name}' access.read`, model.access.read, true)
  check(`model '${model.name}' access.create`, model.access.create, false)
  check(`model '${model.name}' access.update`, model.access.update, true)
  check(`model '${model.name}' access.delete`, model.access.delete, true)
}

/** Whether any model or sub-model has an encrypted-text field (the server then needs a key). */
export function hasEncryptedFields(catalog: ModelCatalog): boolean {
  for (const model of catalog.models.values()) {
    for (const field of model.fields.values()) if (field.type === 'encrypted-text') return true
  }
  return false
}
