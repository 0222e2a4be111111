import type { ExpressionNode } from '@basalt/protocol'
import type { ModelCatalog, ResolvedModel, ValueType } from '../../model-types.js'

/** Collects bound parameters; `add` answers the placeholder (`$1`, `$2`, ...). */
export class SqlParams {
  readonly values: unknown[] = []

  constructor(private readonly offset = 0) {}

  /** Binds a value and answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.offset + this.values.length}`
  }
}

/** A lookup of a query, usable by name in its filter and sort (`author.name`, `EXISTS(liked)`). */
export type QueryLookup =
  | {
      readonly kind: 'simple'
      /** The reference field of the queried model; the lookup takes its name. */
      readonly name: string
      readonly target: ResolvedModel
    }
  | {
      readonly kind: 'complex'
      readonly name: string
      readonly target: ResolvedModel
      /** The parsed `query`, with `this.` (queried object) and `lookup.` (candidate). */
      readonly query: ExpressionNode
    }

/** What a query's expressions can see: the row, its lookups, the session. */
export interface SqlScope {
  readonly catalog: ModelCatalog
  /** The model of `this` and of bare names. */
  readonly model: ResolvedModel
  /** The SQL alias of the current row of `model` (e.g. `t`). */
  readonly alias: string
  /** The candidate of a complex lookup's query (`lookup.`). */
  readonly lookup?: { readonly model: ResolvedModel; readonly alias: string }
  /** The query's lookups, by name. */
  readonly lookups?: ReadonlyMap<string, QueryLookup>
  /** `session.userId`: null without a session. */
  readonly session?: { readonly userId: string | null }
  /** The clock of `NOW()` and `TODAY()` (bound as a parameter); the transaction time if absent. */
  readonly now?: Date
  /**
   * The caller's read rule on rows of other models an expression reaches (references, lookups):
   * a never-NULL SQL condition on the row at `alias`, or `TRUE`. Absent: no restriction.
   */
  readonly readAccess?: (model: ResolvedModel, alias: string) => string
  /** Why the expression is compiled: the error messages say it (`in filter`, ...). */
  readonly purpose: 'filter' | 'lookup' | 'sort' | 'group' | 'compute' | 'access'
}

/** A compiled expression: SQL text (with placeholders only) and its value type. */
export interface CompiledSql {
  readonly sql: string
  readonly type: ValueType
}
