import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createJiti } from 'jiti'
import { CliError } from '../errors.js'
import type { ConfigFile } from './build-config.js'

/** The names an app's config file may have, in the order they are looked for. */
export const CONFIG_FILE_NAMES = [
  'basalt.config.ts',
  'basalt.config.mts',
  'basalt.config.js',
  'basalt.config.mjs',
  'basalt.config.json',
] as const

/** The config files present in an app folder (normally none or one). */
export function findConfigFiles(appDir: string): string[] {
  return CONFIG_FILE_NAMES.filter((name) => existsSync(join(appDir, name)))
}

/** Loads the app's config file with jiti (TypeScript without a build); undefined when none. */
export async function loadConfigFile(appDir: string): Promise<ConfigFile | undefined> {
  const found = findConfigFiles(appDir)
  if (found.length > 1) {
    throw new CliError(`${appDir} has ${found.join(' and ')}; keep only one config file`)
  }
  if (!found[0]) return undefined
  const path = join(appDir, found[0])
  // 'basalt' resolves to this package, so an app folder needs no node_modules of its own.
  const jiti = createJiti(import.meta.url, { alias: { basalt: publicModulePath() } })
  try {
    return { path, config: await jiti.import(path, { default: true }) }
  } catch (error) {
    throw new CliError(`could not load ${found[0]}: ${oneLine(error)}`, { cause: error })
  }
}

/** A load error on one line: jiti puts the file:line:column of a syntax error on a second. */
function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  return lines.length > 1 ? `${lines[0]} (${lines.slice(1).join('; ')})` : (lines[0] ?? 'failed')
}

/** dist/public.js once built; src/public.ts when running from source (the tests). */
function publicModulePath(): string {
  const built = fileURLToPath(new URL('../public.js', import.meta.url))
  return existsSync(built) ? built : fileURLToPath(new URL('../public.ts', import.meta.url))
}
