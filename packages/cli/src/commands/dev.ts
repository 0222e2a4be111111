import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from 'commander'
import { resolveDataDir } from '../config/build-config.js'
import { processEnvironment } from '../config/environment.js'
import { resolveAppDir } from '../config/load-config.js'
import type { AppFlags } from '../config/load-config.js'
import { supervise } from '../dev/supervise.js'
import { isIgnoredPath, watchTree } from '../dev/watch-tree.js'
import { addServerOptions, flagsToArgs } from './app-options.js'

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url))
const DEBOUNCE_MS = 200

/** Registers `basalt dev`. */
export function registerDev(program: Command): void {
  const command = program
    .command('dev')
    .description('run `start` and restart it whenever a file in the app folder changes')
  addServerOptions(command).action((flags: AppFlags) => runDev(flags))
}

/** Runs `basalt start` as a child and restarts it after changes in the app folder. */
export async function runDev(flags: AppFlags): Promise<void> {
  const appDir = await resolveAppDir(flags.dir)
  const log = (line: string) => process.stderr.write(`basalt dev: ${line}\n`)
  const args = [...process.execArgv, BIN, 'start', ...flagsToArgs({ ...flags, dir: appDir })]
  const child = supervise(args, log)
  // The data folder may be inside the app under another name than .basalt: its writes are no edits.
  const dataDir = relative(appDir, resolveDataDir({ env: processEnvironment(), flags, appDir }))
  const ignored = dataDir && !dataDir.startsWith('..') && !isAbsolute(dataDir) ? [dataDir] : []
  let timer: NodeJS.Timeout | undefined
  const watcher = watchTree(
    appDir,
    (path) => isIgnoredPath(path, ignored),
    (path) => {
      clearTimeout(timer)
      // Editors write a file in several steps; one restart per burst.
      timer = setTimeout(() => child.restart(path), DEBOUNCE_MS)
    },
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      watcher.close()
      clearTimeout(timer)
      child.stop(signal)
    })
  }
  await watcher.ready
  log(`watching ${appDir} for changes`)
}
