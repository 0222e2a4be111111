import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type { ServerConfig } from '@basalt/server'
import { CliError } from '../errors.js'
import { buildConfig } from './build-config.js'
import type { ConfigFlags } from './build-config.js'
import { processEnvironment } from './environment.js'
import { loadConfigFile } from './load-config-file.js'

/** The flags shared by the commands that work on an app: its folder plus server settings. */
export interface AppFlags extends ConfigFlags {
  dir?: string | undefined
}

/** The absolute app folder (`--dir`, else the current folder); it must exist. */
export async function resolveAppDir(dir: string | undefined): Promise<string> {
  const appDir = resolve(process.cwd(), dir ?? '.')
  const found = await stat(appDir).catch(() => undefined)
  if (!found?.isDirectory()) throw new CliError(`the app folder ${appDir} does not exist`)
  return appDir
}

/** The server configuration of an app: flags, environment, its config file, defaults. */
export async function loadServerConfig(flags: AppFlags): Promise<ServerConfig> {
  const appDir = await resolveAppDir(flags.dir)
  const file = await loadConfigFile(appDir)
  return buildConfig({ env: processEnvironment(), flags, file, appDir, consoleDir: consoleDir() })
}

/** The built admin console of the installed `@basalt/console` package, if it is built. */
function consoleDir(): string | undefined {
  try {
    const manifest = createRequire(import.meta.url).resolve('@basalt/console/package.json')
    const dist = join(dirname(manifest), 'dist')
    return existsSync(join(dist, 'index.html')) ? dist : undefined
  } catch {
    return undefined
  }
}

/**
 * The configuration without the config file, for commands that only need the database (the file
 * sets no database settings, and a half-edited one should not lock the user out of their keys).
 */
export async function loadDatabaseConfig(flags: AppFlags): Promise<ServerConfig> {
  const appDir = await resolveAppDir(flags.dir)
  return buildConfig({ env: processEnvironment(), flags, appDir })
}
