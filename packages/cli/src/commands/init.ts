import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join, relative, resolve } from 'node:path'
import type { Command } from 'commander'
import { findConfigFiles } from '../config/load-config-file.js'
import { CliError } from '../errors.js'
import { configTemplate, GITIGNORE_LINE, readmeTemplate } from './init-templates.js'

/** Registers `basalt init`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('scaffold an app folder: basalt.config.ts, .gitignore and README.md')
    .argument('[dir]', 'the folder to create or fill', '.')
    .action((dir: string) => initApp(dir))
}

/** Scaffolds an app in `dir`; refuses a folder that already has a basalt.config.*. */
export async function initApp(dir: string): Promise<void> {
  const appDir = resolve(process.cwd(), dir)
  const existing = findConfigFiles(appDir)
  if (existing.length > 0) {
    throw new CliError(`${join(appDir, existing[0]!)} already exists; init changes nothing`)
  }
  const name = basename(appDir) || 'app'
  await mkdir(appDir, { recursive: true })
  const written = [
    await writeNew(join(appDir, 'basalt.config.ts'), configTemplate(name)),
    await addGitignoreLine(join(appDir, '.gitignore')),
    await writeNew(join(appDir, 'README.md'), readmeTemplate(name)),
  ]
  const cd = relative(process.cwd(), appDir)
  process.stdout.write(
    [
      `Created the Basalt app '${name}' in ${appDir}:`,
      ...written.map((line) => `  ${line}`),
      '',
      'Start it with:',
      ...(cd ? [`  cd ${cd}`] : []),
      '  basalt dev',
      '',
    ].join('\n'),
  )
}

/** Writes a file unless it exists (a README of one's own is kept). */
async function writeNew(path: string, content: string): Promise<string> {
  if (existsSync(path)) return `${basename(path)} (kept, it already existed)`
  await writeFile(path, content)
  return basename(path)
}

/** Creates .gitignore, or adds the data folder to an existing one. */
async function addGitignoreLine(path: string): Promise<string> {
  const current = await readFile(path, 'utf8').catch(() => undefined)
  if (current === undefined) {
    await writeFile(path, `${GITIGNORE_LINE}\n`)
    return '.gitignore'
  }
  const lines = current.split(/\r?\n/).map((line) => line.trim())
  if (lines.includes(GITIGNORE_LINE) || lines.includes('.basalt')) return '.gitignore (kept)'
  const separator = current === '' || current.endsWith('\n') ? '' : '\n'
  await writeFile(path, `${current}${separator}${GITIGNORE_LINE}\n`)
  return `.gitignore (added ${GITIGNORE_LINE})`
}
