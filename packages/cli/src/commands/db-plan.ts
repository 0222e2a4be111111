import type { Command } from 'commander'
import { formatPlan, planSchema } from '@basalt/server'
import type { SchemaPlan } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { addDatabaseOptions } from './app-options.js'
import { withModels } from './db-models.js'

interface PlanFlags extends AppFlags {
  sql?: boolean
}

/** Registers `basalt db plan`. */
export function registerDbPlan(db: Command): void {
  const command = db
    .command('plan')
    .description('print the changes `db migrate` would make (changes nothing); ! marks data loss')
    .option('--sql', 'print the SQL of each change too')
  addDatabaseOptions(command).action((flags: PlanFlags) => dbPlanCommand(flags))
}

/** Prints the plan that brings the database to the app's models. */
export async function dbPlanCommand(flags: PlanFlags): Promise<void> {
  const plan = await withModels(flags, (db, catalog) => planSchema(db, catalog))
  process.stdout.write(planText(plan, flags.sql === true) + '\n')
}

/** The plan as printed: one line per change, with its SQL indented below when asked. */
export function planText(plan: SchemaPlan, withSql: boolean): string {
  if (!withSql || plan.steps.length === 0) return formatPlan(plan)
  const sql = plan.steps.map(
    (step) =>
      `${step.dataLoss ? '!' : '+'} ${step.description}\n` +
      step.sql.replace(/^/gm, '    ').replace(/\n?$/, ';'),
  )
  return [formatPlan(plan), '', ...sql].join('\n')
}
