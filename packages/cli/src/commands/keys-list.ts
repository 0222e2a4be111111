import { Option } from 'commander'
import type { Command } from 'commander'
import { listKeys } from '@basalt/server'
import type { KeyType } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { formatKeyTable } from '../keys/format-keys.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

interface ListFlags extends AppFlags {
  type?: KeyType
  json?: boolean
}

/** Registers `basalt keys list`. */
export function registerKeysList(keys: Command): void {
  const command = keys
    .command('list')
    .description('list keys, newest first (secrets are never shown: only their prefix)')
    .addOption(
      new Option('--type <type>', 'only client or only api keys').choices(['client', 'api']),
    )
    .option('--json', 'print the keys as a JSON array')
  addDatabaseOptions(command).action((flags: ListFlags) => listKeysCommand(flags))
}

async function listKeysCommand(flags: ListFlags): Promise<void> {
  const keys = await withDatabase(flags, (db) => listKeys(db, flags.type))
  process.stdout.write(flags.json ? JSON.stringify(keys, null, 2) + '\n' : formatKeyTable(keys))
}
