import type { ResolvedModel } from '../../model-types.js'
import type { Ctx } from './context.js'

/** ` AND <the caller's read rule>` for a row of another model the expression reaches, or ''. */
export function readAccess(ctx: Ctx, model: ResolvedModel, alias: string): string {
  const condition = ctx.scope.readAccess?.(model, alias)
  return condition === undefined || condition === 'TRUE' ? '' : ` AND ${condition}`
}
