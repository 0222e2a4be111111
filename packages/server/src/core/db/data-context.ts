import type { Database } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import type { ModelCatalog, ResolvedModel } from './model-types.js'
import type { FieldCipher } from '../../tools/field-cipher.js'
import type { ExpressionRunner } from './write/expression-runner.js'
import type { WriteContext } from './write/prepare-object.js'

/** Who asks: app code has full access; a client key is held to the models' access rules. */
export type Caller =
  { readonly kind: 'app' } | { readonly kind: 'client'; readonly userId: string | null }

/** What every database operation works with. */
export interface DataContext {
  readonly db: Database
  readonly catalog: ModelCatalog
  readonly expressions: ExpressionRunner
  readonly caller: Caller
  readonly now: () => Date
  /** Encrypts encrypted-text fields; present whenever a model has one. */
  readonly cipher: FieldCipher | undefined
}

/** The model of a dot path, or `unknown_model`. */
export function modelOf(context: DataContext, name: unknown): ResolvedModel {
  const model = typeof name === 'string' ? context.catalog.models.get(name) : undefined
  if (model) return model
  throw fail('unknown_model', `no model is named '${String(name)}'`, { model: name })
}

/** The session user of the caller (null for app code and anonymous clients). */
export function callerUserId(context: DataContext): string | null {
  return context.caller.kind === 'client' ? context.caller.userId : null
}

/** What a write of this caller needs: one clock reading, the session, expressions, cipher. */
export function writeContextOf(context: DataContext): WriteContext {
  return {
    now: context.now(),
    userId: callerUserId(context),
    expressions: context.expressions,
    cipher: context.cipher,
  }
}

/** Reads of the database module are sent as prepared statements (one parse and plan each). */
export const PREPARE = { prepare: true } as const
