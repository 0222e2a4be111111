import type { Command } from 'commander'
import { syncSchema } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { addDatabaseOptions } from './app-options.js'
import { withModels } from './db-models.js'

interface MigrateFlags extends AppFlags {
  acceptDataLoss?: boolean
}

/** Registers `basalt db migrate`. */
export function registerDbMigrate(db: Command): void {
  const command = db
    .command('migrate')
    .description(
      'apply the changes the models need; those that lose data (drop a table or column, ' +
        'narrow a type) only with --accept-data-loss',
    )
    .option('--accept-data-loss', 'also apply changes that drop tables, columns or values')
  addDatabaseOptions(command).action((flags: MigrateFlags) => dbMigrateCommand(flags))
}

/** Applies the plan; each applied change is printed as it is committed. */
export async function dbMigrateCommand(flags: MigrateFlags): Promise<void> {
  const write = (line: string) => process.stdout.write(line + '\n')
  const report = await withModels(flags, (db, catalog) =>
    syncSchema(db, catalog, { acceptDataLoss: flags.acceptDataLoss === true, log: write }),
  )
  const count = report.applied.length
  write(
    count === 0
      ? 'The database matches the models: nothing to change.'
      : `Applied ${count} change${count === 1 ? '' : 's'}.`,
  )
}
