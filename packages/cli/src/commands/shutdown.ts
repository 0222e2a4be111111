import type { BasaltServer } from '@basalt/server'
import { isDebug, processEnvironment } from '../config/environment.js'
import { reportError } from '../errors.js'

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** Where the server goes once it exists; a stop asked for before that waits for it. */
export interface Shutdown {
  attach(server: BasaltServer): void
}

/**
 * Stops gracefully on SIGINT or SIGTERM, or when the `basalt dev` that spawned this process goes
 * away: closes the server once, then exits 0. A second signal exits 1 at once, for a close that
 * hangs.
 */
export function handleShutdown(): Shutdown {
  let server: BasaltServer | undefined
  let requested = false
  const request = () => {
    if (requested) {
      process.stderr.write('basalt: second signal, exiting without finishing the shutdown\n')
      process.exit(1)
    }
    requested = true
    process.stdout.write('Stopping (press Ctrl+C again to force)\n')
    if (server) void closeAndExit(server)
  }
  for (const signal of SIGNALS) process.on(signal, request)
  if (process.channel) {
    // Spawned by `basalt dev` with an IPC channel: its closing means the parent died.
    process.once('disconnect', () => requested || request())
    process.channel.unref()
  }
  return {
    attach(started) {
      server = started
      if (requested) void closeAndExit(started)
    },
  }
}

async function closeAndExit(server: BasaltServer): Promise<never> {
  try {
    await server.close()
  } catch (error) {
    reportError(error, isDebug(processEnvironment()))
    process.exit(1)
  }
  process.exit(0)
}
