import type { Command } from 'commander'
import { createServer } from '@basalt/server'
import type { BasaltServer, ServerConfig } from '@basalt/server'
import { loadServerConfig } from '../config/load-config.js'
import type { AppFlags } from '../config/load-config.js'
import { addServerOptions } from './app-options.js'
import { handleShutdown } from './shutdown.js'

/** Registers `basalt start`. */
export function registerStart(program: Command): void {
  const command = program
    .command('start')
    .description('start the server of an app (Ctrl+C or SIGTERM stops it gracefully)')
  addServerOptions(command).action((flags: AppFlags) => startServer(flags))
}

/** Starts the app's server and keeps it running until SIGINT or SIGTERM. */
export async function startServer(flags: AppFlags): Promise<void> {
  const shutdown = handleShutdown()
  const config = await loadServerConfig(flags)
  const server = await createServer(config)
  const url = await listenOrClose(server)
  process.stdout.write(
    startedMessage(config.publicUrl ?? url, config, server.developmentKey?.secret),
  )
  shutdown.attach(server)
}

/** The lines printed once the server listens; the development key only on the first start. */
export function startedMessage(url: string, config: ServerConfig, developmentKey?: string): string {
  const name = config.app.name ? ` '${config.app.name}'` : ''
  const lines = [`Basalt app${name} is running at ${url} (${config.mode}, data: ${where(config)})`]
  if (config.consoleDir) {
    lines.push(`Admin console: ${url}/_console/ (accounts: \`basalt admin create --email ...\`)`)
  }
  if (developmentKey) {
    lines.push(
      '',
      '  First start: created a development client key (shown only this once, keep it):',
      '',
      `    ${developmentKey}`,
      '',
      "    import { createClient } from 'altogic' // or '@basalt/client'",
      `    const client = createClient('${url}', '${developmentKey}')`,
      '',
      '  Manage keys with `basalt keys create | list | revoke`.',
      '',
    )
  }
  return lines.join('\n') + '\n'
}

function where(config: ServerConfig): string {
  return config.databaseUrl ? 'external PostgreSQL' : config.dataDir
}

async function listenOrClose(server: BasaltServer): Promise<string> {
  try {
    return await server.listen()
  } catch (error) {
    // The database is already up (maybe an embedded one we started): stop it before failing.
    await server.close().catch(() => undefined)
    throw error
  }
}
