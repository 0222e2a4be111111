import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomSecret } from './secrets.js'

/**
 * The secret kept in a file, made (32 random bytes, readable by the owner only) when the file
 * does not exist yet.
 */
export function readOrCreateSecretFile(path: string): string {
  try {
    const existing = readFileSync(path, 'utf8').trim()
    if (existing) return existing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secret = randomSecret(32)
  mkdirSync(dirname(path), { recursive: true })
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' })
    return secret
  } catch (error) {
    // Another process made it first: theirs is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return readFileSync(path, 'utf8').trim()
  }
}
