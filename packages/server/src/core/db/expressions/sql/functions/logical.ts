import type { CallNode } from '@basalt/protocol'
import { truthy, unify } from '../coerce.js'
import { equals } from '../compare.js'
import type { Ctx } from '../context.js'
import { lookupExists } from '../lookups.js'
import { boolVal } from '../values.js'
import type { Val } from '../values.js'
import { arg, args, eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/** `CASE WHEN c1 THEN v1 ... [ELSE d] END` over unified result values. */
function caseOf(ctx: Ctx, conditions: string[], results: Val[], otherwise?: Val): Val {
  const values = unify(ctx, otherwise ? [...results, otherwise] : results)
  const arms = conditions.map((c, i) => `WHEN ${c} THEN ${values[i]!.sql}`)
  const elseArm = otherwise ? ` ELSE ${values[values.length - 1]!.sql}` : ''
  const type = values.find((v) => v.type !== 'null') ?? values[0]!
  return { sql: `(CASE ${arms.join(' ')}${elseArm} END)`, type: type.type, list: type.list }
}

function ifs(ctx: Ctx, call: CallNode): Val {
  const values = args(ctx, call)
  const conditions: string[] = []
  const results: Val[] = []
  for (let i = 0; i + 1 < values.length; i += 2) {
    conditions.push(truthy(ctx, values[i]!))
    results.push(values[i + 1]!)
  }
  return caseOf(ctx, conditions, results)
}

function switchOf(ctx: Ctx, call: CallNode): Val {
  const [subject, ...rest] = args(ctx, call)
  const pairs = Math.floor(rest.length / 2)
  const results = Array.from({ length: pairs }, (_, i) => rest[2 * i + 1]!)
  const otherwise = rest.length % 2 === 1 ? rest[rest.length - 1] : undefined
  let type: Val | undefined
  const sql = ctx.bind([subject!.sql], (v) => {
    const bound: Val = { ...subject!, sql: v }
    const conditions = results.map((_, i) => equals(ctx, bound, rest[2 * i]!, call))
    const built = caseOf(ctx, conditions, results, otherwise)
    type = built
    return built.sql
  })
  return { sql, type: type!.type, list: type!.list }
}

function coalesce(ctx: Ctx, values: Val[]): Val {
  if (values.length === 1) return values[0]!
  const unified = unify(ctx, values)
  const type = unified.find((v) => v.type !== 'null') ?? unified[0]!
  return {
    sql: `COALESCE(${unified.map((v) => v.sql).join(', ')})`,
    type: type.type,
    list: type.list,
    notNull: unified.some((v) => v.notNull),
  }
}

function exists(ctx: Ctx, call: CallNode): Val {
  const node = call.args[0]!
  if (node.kind === 'path') {
    const lookup = lookupExists(ctx, node)
    if (lookup) return boolVal(lookup)
  }
  return boolVal(isNotNull(ctx.compile(node)))
}

/** `value IS NOT NULL`, knowing what the compiler knows (encrypted columns allowed). */
export function isNotNull(val: Val): string {
  if (val.type === 'null') return 'false'
  if (val.notNull) return 'true'
  if (val.list?.kind === 'rel') {
    return val.list.rel.parentNullable ? `(${val.list.rel.parent} IS NOT NULL)` : 'true'
  }
  return `(${val.sql} IS NOT NULL)`
}

/** AND, OR, NOT, XOR, IF, IFS, SWITCH, COALESCE, ISTRUE, EXISTS. */
export const LOGICAL_FUNCTIONS: SqlFunctionTable = {
  AND: eager((ctx, values) => boolVal(`(${values.map((v) => truthy(ctx, v)).join(' AND ')})`)),
  OR: eager((ctx, values) => boolVal(`(${values.map((v) => truthy(ctx, v)).join(' OR ')})`)),
  NOT: eager((ctx, [value]) => boolVal(`(NOT ${truthy(ctx, value!)})`)),
  XOR: eager((ctx, values) => {
    const count = values.map((v) => `CASE WHEN ${truthy(ctx, v)} THEN 1 ELSE 0 END`).join(' + ')
    return boolVal(`((${count}) % 2 = 1)`)
  }),
  IF: (ctx, call) => {
    const [cond, then, otherwise] = call.args.map((node) => arg(ctx, node))
    return caseOf(ctx, [truthy(ctx, cond!)], [then!], otherwise)
  },
  IFS: ifs,
  SWITCH: switchOf,
  COALESCE: eager(coalesce),
  ISTRUE: eager((ctx, [value]) => boolVal(truthy(ctx, value!))),
  EXISTS: exists,
}
