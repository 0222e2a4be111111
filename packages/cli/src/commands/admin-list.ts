import type { Command } from 'commander'
import { listAdmins } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

/** Registers `basalt admin list`. */
export function registerAdminList(admin: Command): void {
  const command = admin
    .command('list')
    .description('list admin accounts')
    .option('--json', 'print JSON')
  addDatabaseOptions(command).action((flags: AppFlags & { json?: boolean }) =>
    listAdminsCommand(flags),
  )
}

async function listAdminsCommand(flags: AppFlags & { json?: boolean }): Promise<void> {
  const admins = await withDatabase(flags, (db) => listAdmins(db))
  if (flags.json) return void process.stdout.write(`${JSON.stringify(admins, null, 2)}\n`)
  if (admins.length === 0) {
    return void process.stdout.write('No admin accounts: `basalt admin create --email ...`\n')
  }
  const lines = admins.map(
    (admin) =>
      `${admin.email}  created ${admin.createdAt}  last sign-in ${admin.lastSignInAt ?? 'never'}`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}
