import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomSecret } from '../../../tools/secrets.js'

/** Where the embedded server keeps its files inside the data folder. */
export interface EmbeddedPaths {
  pgdata: string
  passwordFile: string
  ownerFile: string
}

/** The file layout of the embedded PostgreSQL under a Basalt data folder. */
export function embeddedPaths(dataDir: string): EmbeddedPaths {
  return {
    pgdata: join(dataDir, 'postgres'),
    passwordFile: join(dataDir, 'postgres.password'),
    ownerFile: join(dataDir, 'postgres.owner.json'),
  }
}

/** Reads the superuser password, generating and saving it (mode 0600) on first use. */
export async function loadOrCreatePassword(paths: EmbeddedPaths): Promise<string> {
  const existing = await readFile(paths.passwordFile, 'utf8').catch(() => undefined)
  if (existing?.trim()) return existing.trim()
  const password = randomSecret(24)
  await writeFile(paths.passwordFile, password + '\n', { mode: 0o600 })
  await chmod(paths.passwordFile, 0o600)
  return password
}

/** The running postmaster recorded in postmaster.pid, if the file exists. */
export async function readPostmasterPid(
  pgdata: string,
): Promise<{ pid: number; port: number } | undefined> {
  const raw = await readFile(join(pgdata, 'postmaster.pid'), 'utf8').catch(() => undefined)
  if (!raw) return undefined
  const lines = raw.split('\n')
  return { pid: Number(lines[0]), port: Number(lines[3]) }
}

/** Removes a postmaster.pid whose process is gone (a crash must not block the next start). */
export async function removeStalePid(pgdata: string): Promise<void> {
  await rm(join(pgdata, 'postmaster.pid'), { force: true })
}

/** The pid of the Basalt process that started the embedded server, if recorded. */
export async function readOwner(paths: EmbeddedPaths): Promise<number | undefined> {
  const raw = await readFile(paths.ownerFile, 'utf8').catch(() => undefined)
  if (!raw) return undefined
  try {
    const pid = (JSON.parse(raw) as { pid?: unknown }).pid
    return typeof pid === 'number' ? pid : undefined
  } catch {
    return undefined
  }
}

/** Records this process as the owner of the embedded server. */
export async function writeOwner(paths: EmbeddedPaths): Promise<void> {
  await writeFile(paths.ownerFile, JSON.stringify({ pid: process.pid }) + '\n')
}

/** Forgets the owner (after a clean stop). */
export async function clearOwner(paths: EmbeddedPaths): Promise<void> {
  await rm(paths.ownerFile, { force: true })
}

/** Creates the data folder if it does not exist. */
export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
}
