import type { Command } from 'commander'
import type { AppFlags } from '../config/load-config.js'

/** Adds `--dir`, `--data-dir` and `--database-url`: what a command needs to find the database. */
export function addDatabaseOptions(command: Command): Command {
  return command
    .option('--dir <appDir>', 'the app folder holding basalt.config.* (default: current folder)')
    .option(
      '--data-dir <path>',
      'the data folder, relative to the app folder (env BASALT_DATA_DIR)',
    )
    .option(
      '--database-url <url>',
      'an external PostgreSQL instead of the embedded one (env DATABASE_URL)',
    )
}

/** Adds every server setting flag (used by `start` and `dev`). */
export function addServerOptions(command: Command): Command {
  return addDatabaseOptions(command)
    .option('--port <n>', 'the port to listen on; 0 picks a free one (env PORT, default 4000)')
    .option('--host <h>', 'the address to listen on (env HOST, default 127.0.0.1)')
    .option(
      '--log-level <level>',
      'fatal, error, warn, info, debug, trace or silent (env BASALT_LOG_LEVEL)',
    )
    .option('--redis-url <url>', 'Redis for rate limits shared by several servers (env REDIS_URL)')
}

const OPTION_NAMES: Record<keyof AppFlags, string> = {
  dir: '--dir',
  dataDir: '--data-dir',
  databaseUrl: '--database-url',
  port: '--port',
  host: '--host',
  logLevel: '--log-level',
  redisUrl: '--redis-url',
}

/** The command-line form of parsed flags, to hand them on to a child process. */
export function flagsToArgs(flags: AppFlags): string[] {
  return Object.entries(OPTION_NAMES).flatMap(([key, option]) => {
    const value = flags[key as keyof AppFlags]
    return value === undefined ? [] : [option, value]
  })
}
