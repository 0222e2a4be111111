import type { ExpressionNode } from '@basalt/protocol'
import type { ResolvedModel } from '../../model-types.js'
import { quoteIdent } from './quote.js'
import type { SqlParams, SqlScope } from './sql-types.js'
import { isSimpleSql } from './values.js'
import type { Val } from './values.js'

/** The element an inner expression of ANYITEMTRUE, FILTER, MAP ... is evaluated for. */
export type ItemScope =
  /** A row of an object-list sub-model. */
  | { readonly kind: 'row'; readonly model: ResolvedModel; readonly alias: string }
  /** An element of a jsonb or scalar array: `value` is its SQL. */
  | { readonly kind: 'value'; readonly value: Val }

// A private-use character: it never occurs in SQL the compiler writes (user text never does).
const MARK = '\ue000'
const PLACEHOLDER = /\ue000(\d+)\ue000/g

interface Shared {
  aliases: number
  readonly pending: { readonly value: unknown; readonly type: string }[]
}

/** Compiles one node in a context (set by compile.ts, which owns the dispatch). */
export type NodeCompiler = (node: ExpressionNode, ctx: Ctx) => Val

/** Everything one compilation shares: scope, parameters, fresh aliases, the item stack. */
export class Ctx {
  private readonly shared: Shared

  constructor(
    readonly scope: SqlScope,
    private readonly params: SqlParams,
    private readonly compiler: NodeCompiler,
    readonly items: readonly ItemScope[] = [],
    shared?: Shared,
  ) {
    this.shared = shared ?? { aliases: 0, pending: [] }
  }

  /** Compiles a sub-expression in this context. */
  compile(node: ExpressionNode): Val {
    return this.compiler(node, this)
  }

  /** A context whose bare names see `item` first. */
  withItem(item: ItemScope): Ctx {
    return new Ctx(this.scope, this.params, this.compiler, [...this.items, item], this.shared)
  }

  /** A context for another scope (a complex lookup's query), sharing params and aliases. */
  withScope(scope: SqlScope): Ctx {
    return new Ctx(scope, this.params, this.compiler, [], this.shared)
  }

  /** A fresh SQL alias (unquoted), unique within the statement's compiled expressions. */
  alias(): string {
    this.shared.aliases += 1
    return `_x${this.shared.aliases}`
  }

  /**
   * A parameter with an explicit type cast. It is written as a placeholder and bound by
   * `finish` only if it is still in the final SQL, so SQL built and then dropped (a literal
   * converted at compile time, say) never leaves a parameter PostgreSQL cannot type.
   */
  param(value: unknown, type: string): string {
    this.shared.pending.push({ value, type })
    return `${MARK}${this.shared.pending.length - 1}${MARK}`
  }

  /** Binds the parameters the final SQL uses, in order of appearance, and writes them in. */
  finish(sql: string): string {
    const bound = new Map<string, string>()
    return sql.replace(PLACEHOLDER, (_match, index: string) => {
      let placeholder = bound.get(index)
      if (placeholder === undefined) {
        const { value, type } = this.shared.pending[Number(index)]!
        placeholder = `${this.params.add(value)}::${type}`
        bound.set(index, placeholder)
      }
      return placeholder
    })
  }

  /**
   * Lets `body` use each SQL several times: simple SQL is passed as is, anything else is
   * evaluated once in a sub-select (so nested guards never grow the SQL exponentially).
   */
  bind(sqls: readonly string[], body: (...names: string[]) => string): string {
    if (sqls.every(isSimpleSql)) return body(...sqls)
    const alias = quoteIdent(this.alias())
    const names: string[] = []
    const columns: string[] = []
    sqls.forEach((sql, i) => {
      if (isSimpleSql(sql)) return void names.push(sql)
      names.push(`${alias}."v${i}"`)
      columns.push(`${sql} AS "v${i}"`)
    })
    // OFFSET 0 keeps PostgreSQL from pulling the sub-select up (which would copy each bound
    // expression into every place that uses it, and grow nested expressions exponentially).
    return `(SELECT ${body(...names)} FROM (SELECT ${columns.join(', ')} OFFSET 0) AS ${alias})`
  }
}
