import type { Command } from 'commander'
import { registerKeysCreate } from './keys-create.js'
import { registerKeysList } from './keys-list.js'
import { registerKeysRevoke } from './keys-revoke.js'

/** Registers `basalt keys create | list | revoke`. */
export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description('manage client and API keys (works whether or not the server is running)')
  registerKeysCreate(keys)
  registerKeysList(keys)
  registerKeysRevoke(keys)
}
