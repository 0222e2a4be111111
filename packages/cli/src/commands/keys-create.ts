import { Option } from 'commander'
import type { Command } from 'commander'
import { MODULES } from '@basalt/protocol'
import { createKey } from '@basalt/server'
import type { CreatedKey } from '@basalt/server'
import type { AppFlags } from '../config/load-config.js'
import { keyRules } from '../keys/format-keys.js'
import { buildKeySpec } from '../keys/parse-key-options.js'
import type { KeyCreateFlags } from '../keys/parse-key-options.js'
import { withDatabase } from '../keys/with-database.js'
import { addDatabaseOptions } from './app-options.js'

/** Registers `basalt keys create`. */
export function registerKeysCreate(keys: Command): void {
  const command = keys
    .command('create')
    .description('create a key; its secret is printed alone on the last line of output')
    .addOption(
      new Option('--type <type>', 'client or api').choices(['client', 'api']).makeOptionMandatory(),
    )
    .option('--name <name>', "a name to tell keys apart (default: 'client key' / 'api key')")
    .option('--expires <when>', 'an ISO date (2030-01-31) or a duration (30d, 12h, 90m, 2w)')
    .option('--domains <list>', 'authorized domains, comma-separated (example.com,*.example.com)')
    .option('--modules <list>', `client keys: modules granted (default all: ${MODULES.join(',')})`)
    .option('--enforce-session', 'client keys: every call but sign-in/up needs a session')
    .option('--rate-limit <max/window>', 'client keys: requests per window, like 100/60s')
    .addOption(
      new Option('--access <mode>', 'api keys: what it may call (default full)').choices([
        'full',
        'read-only',
        'allow',
        'deny',
      ]),
    )
    .option('--endpoints <list>', "api keys: patterns for allow/deny, like '/orders,/admin/*'")
  addDatabaseOptions(command).action((flags: KeyCreateFlags & AppFlags) => createKeyCommand(flags))
}

async function createKeyCommand(flags: KeyCreateFlags & AppFlags): Promise<void> {
  // Flags are checked before the database is opened: a typo should not cost a PostgreSQL start.
  const spec = buildKeySpec(flags)
  const created = await withDatabase(flags, (db) => createKey(db, spec))
  process.stdout.write(createdMessage(created))
}

/** What `keys create` prints: a summary, then the secret alone on the last line. */
export function createdMessage({ secret, record }: CreatedKey): string {
  const expires = record.expiresAt ? record.expiresAt.toISOString() : 'never'
  return (
    [
      `Created ${record.type} key '${record.name}' (id ${record.id}, prefix ${record.prefix}).`,
      `Rules: ${keyRules(record)}; expires: ${expires}.`,
      'The secret below is shown only now; Basalt stores only its hash:',
      secret,
    ].join('\n') + '\n'
  )
}
