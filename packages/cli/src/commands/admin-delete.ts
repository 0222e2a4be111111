import type { Command } from 'commander'
import { deleteAdmin } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { CliError } from '../errors.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

/** Registers `basalt admin delete`. */
export function registerAdminDelete(admin: Command): void {
  const command = admin
    .command('delete')
    .description('delete an admin account; its sessions end at once')
    .requiredOption('--email <email>', 'the admin email')
  addDatabaseOptions(command).action((flags: AppFlags & { email: string }) =>
    deleteAdminCommand(flags),
  )
}

async function deleteAdminCommand(flags: AppFlags & { email: string }): Promise<void> {
  await withDatabase(flags, (db) => deleteAdmin(db, flags.email)).catch((error: unknown) => {
    throw new CliError(error instanceof Error ? error.message : String(error))
  })
  process.stdout.write(`Deleted admin ${flags.email}.\n`)
}
