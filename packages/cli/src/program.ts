import { readFileSync } from 'node:fs'
import { Command } from 'commander'
import { registerAdmin } from './commands/admin.js'
import { registerDb } from './commands/db.js'
import { registerDev } from './commands/dev.js'
import { registerInit } from './commands/init.js'
import { registerKeys } from './commands/keys.js'
import { registerStart } from './commands/start.js'

/** The version of this package, read from its package.json (one level above src/ and dist/). */
export function cliVersion(): string {
  const raw = readFileSync(new URL('../package.json', import.meta.url), 'utf8')
  return (JSON.parse(raw) as { version: string }).version
}

/** The `basalt` command with every subcommand; usage errors print as one `basalt:` line. */
export function buildProgram(): Command {
  const program = new Command('basalt')
    .description('Basalt: a self-hosted backend that speaks the Altogic client protocol')
    .version(cliVersion(), '-v, --version')
    .configureOutput({
      outputError: (text, write) => write(`basalt: ${text.replace(/^error: /, '')}`),
    })
  // Subcommands made with .command() inherit the output settings above.
  registerInit(program)
  registerStart(program)
  registerDev(program)
  registerKeys(program)
  registerDb(program)
  registerAdmin(program)
  return program
}
