/**
 * The SQL back end of the expression language (docs/expressions.md): parsed expressions
 * compiled to parameterised PostgreSQL over the app's tables, and rows built as clients see them.
 */
export { compileCondition, compileJson, compileSort, compileValue } from './compile.js'
export { quoteIdent, tableRef } from './quote.js'
export { rowJson } from './row-json.js'
export { SqlParams } from './sql-types.js'
export type { CompiledSql, QueryLookup, SqlScope } from './sql-types.js'
export { SQL_FUNCTIONS } from './functions/index.js'
