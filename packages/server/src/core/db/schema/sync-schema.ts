import type { Database, Queryable } from '../../../adapters/database/database.js'
import type { ModelCatalog } from '../model-types.js'
import { computePlan } from './plan-schema.js'
import { readSchema } from './read-schema.js'
import { ACCEPT_DATA_LOSS_COMMAND, count, formatSteps, SchemaChangeError } from './schema-plan.js'
import type { SchemaPlan, SchemaStep } from './schema-plan.js'

/** How syncSchema may change the database. */
export interface SyncOptions {
  /** Also apply the steps that lose data (drop table or column, narrowing type change). */
  readonly acceptDataLoss: boolean
  /** Told each applied step, once committed. */
  readonly log?: ((line: string) => void) | undefined
}

/** What a sync did. */
export interface SyncReport {
  /** Every step the models needed when the lock was taken. */
  readonly plan: SchemaPlan
  readonly applied: readonly SchemaStep[]
}

/** The table (made by system migration 5) that records every applied step. */
export const SCHEMA_CHANGES_TABLE = 'basalt.schema_changes'

const LOCK_KEY = 'basalt.schema-sync'

/**
 * Brings the app schema to the models. Under an advisory lock (two processes starting together
 * do not race: the second finds nothing left to do), it reads the schema, plans, and applies in
 * one transaction every step that keeps data, recording each in basalt.schema_changes. Steps that
 * lose data are applied only with `acceptDataLoss`; otherwise, once the others are committed, a
 * SchemaChangeError lists them and says how to accept them. A step that fails (a unique index
 * over duplicates) rolls the whole sync back and throws a SchemaChangeError naming it.
 */
export async function syncSchema(
  db: Database,
  catalog: ModelCatalog,
  options: SyncOptions,
): Promise<SyncReport> {
  const report = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY])
    const plan = computePlan(await readSchema(tx), catalog)
    const applied = plan.steps.filter((step) => options.acceptDataLoss || !step.dataLoss)
    for (const step of applied) await applyStep(tx, step)
    return { plan, applied }
  })
  for (const step of report.applied) options.log?.(`schema change: ${step.description}`)
  const refused = report.plan.steps.filter((step) => !report.applied.includes(step))
  if (refused.length > 0) throw new SchemaChangeError(refusal(refused, report.applied), refused)
  return report
}

async function applyStep(tx: Queryable, step: SchemaStep): Promise<void> {
  try {
    await tx.query(step.sql)
  } catch (error) {
    throw new SchemaChangeError(failure(step, error), [step], { cause: error })
  }
  await tx.query(
    `INSERT INTO ${SCHEMA_CHANGES_TABLE} (description, sql, data_loss) VALUES ($1, $2, $3)`,
    [step.description, step.sql, step.dataLoss],
  )
}

function failure(step: SchemaStep, error: unknown): string {
  const { code, detail, message } = error as { code?: string; detail?: string; message?: string }
  const reason =
    code === '23505'
      ? `existing rows hold duplicate values (${detail ?? message}); ` +
        'remove the duplicates or the unique property'
      : (message ?? String(error))
  return `cannot ${step.description}: ${reason}. No schema change was applied.`
}

function refusal(refused: readonly SchemaStep[], applied: readonly SchemaStep[]): string {
  const done = applied.length > 0 ? ` (${count(applied.length, 'other change')} applied)` : ''
  return [
    `the models need ${count(refused.length, 'change')} that lose${refused.length === 1 ? 's' : ''} data, not applied${done}:`,
    formatSteps(refused),
    `Back up the data you need, then apply them with \`${ACCEPT_DATA_LOSS_COMMAND}\`.`,
  ].join('\n')
}
