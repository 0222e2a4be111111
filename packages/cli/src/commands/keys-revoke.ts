import type { Command } from 'commander'
import { revokeKey } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { CliError } from '../errors.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

/** Registers `basalt keys revoke`. */
export function registerKeysRevoke(keys: Command): void {
  const command = keys
    .command('revoke')
    .description('revoke a key by id or prefix; every running server refuses it at once')
    .argument('<idOrPrefix>', 'the id or the prefix shown by `basalt keys list`')
  addDatabaseOptions(command).action((idOrPrefix: string, flags: AppFlags) =>
    revokeKeyCommand(idOrPrefix, flags),
  )
}

async function revokeKeyCommand(idOrPrefix: string, flags: AppFlags): Promise<void> {
  const record = await withDatabase(flags, (db) => revokeKey(db, idOrPrefix.trim()))
  if (!record) throw new CliError(`no key has the id or prefix '${idOrPrefix}'`)
  process.stdout.write(
    `Revoked ${record.type} key '${record.name}' (id ${record.id}, prefix ${record.prefix}).\n`,
  )
}
