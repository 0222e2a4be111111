import type { DataContext } from '../data-context.js'
import { APP_SCHEMA } from '../model-types.js'

/** One model's line of `db/stats`. */
export interface ModelStats {
  readonly model: string
  /** PostgreSQL's running count of live rows (exact after ANALYZE, close otherwise). */
  readonly objects: number
  /** Table, indexes and TOAST, in bytes. */
  readonly sizeBytes: number
}

/**
 * `db/stats`: per model (and sub-model) the number of objects and the bytes stored, and the
 * totals. Counts come from PostgreSQL's statistics, so a huge table is not scanned.
 */
export async function getStats(
  context: DataContext,
): Promise<{ models: ModelStats[]; objects: number; sizeBytes: number }> {
  const rows = await context.db.query<{ table: string; objects: string; size: string }>(
    `SELECT c.relname AS table, greatest(coalesce(s.n_live_tup, 0), 0) AS objects,
            pg_total_relation_size(c.oid) AS size
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [APP_SCHEMA],
  )
  const byTable = new Map(rows.map((row) => [row.table, row]))
  const models = [...context.catalog.models.values()].map((model) => {
    const row = byTable.get(model.table)
    return {
      model: model.name,
      objects: Number(row?.objects ?? 0),
      sizeBytes: Number(row?.size ?? 0),
    }
  })
  return {
    models,
    objects: models.reduce((sum, m) => sum + m.objects, 0),
    sizeBytes: models.reduce((sum, m) => sum + m.sizeBytes, 0),
  }
}
