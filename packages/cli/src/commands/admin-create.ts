import type { Command } from 'commander'
import { createAdmin, MIN_ADMIN_PASSWORD_LENGTH } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { processEnvironment } from '../config/environment.js'
import { CliError } from '../errors.js'
import { readHiddenLine } from '../terminal/read-hidden-line.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

/** Registers `basalt admin create`. */
export function registerAdminCreate(admin: Command): void {
  const command = admin
    .command('create')
    .description(
      'create an admin account; the password comes from BASALT_ADMIN_PASSWORD or is asked for',
    )
    .requiredOption('--email <email>', 'the admin email, used to sign in to /_console')
  addDatabaseOptions(command).action((flags: AppFlags & { email: string }) =>
    createAdminCommand(flags),
  )
}

async function createAdminCommand(flags: AppFlags & { email: string }): Promise<void> {
  const password = await adminPassword()
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) {
    throw new CliError(`the password must have ${MIN_ADMIN_PASSWORD_LENGTH} characters or more`)
  }
  const account = await withDatabase(flags, (db) => createAdmin(db, flags.email, password)).catch(
    (error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error))
    },
  )
  process.stdout.write(`Created admin ${account.email} (id ${account.id}).\n`)
}

/** BASALT_ADMIN_PASSWORD, else a password typed twice at a terminal (never echoed). */
async function adminPassword(): Promise<string> {
  const given = processEnvironment().BASALT_ADMIN_PASSWORD
  if (given) return given
  if (!process.stdin.isTTY) {
    throw new CliError('set BASALT_ADMIN_PASSWORD, or run the command in a terminal to type it')
  }
  const first = await readHiddenLine('Password: ')
  const second = await readHiddenLine('Password again: ')
  if (first !== second) throw new CliError('the two passwords differ')
  return first
}
