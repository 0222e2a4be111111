import type { Command } from 'commander'
import { registerDbMigrate } from './db-migrate.js'
import { registerDbPlan } from './db-plan.js'

/** Registers `basalt db plan | migrate`. */
export function registerDb(program: Command): void {
  const db = program
    .command('db')
    .description("bring the database's tables to the models of basalt.config.ts")
  registerDbPlan(db)
  registerDbMigrate(db)
}
