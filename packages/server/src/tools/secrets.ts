import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random URL-safe secret with `bytes` bytes of entropy, optionally prefixed. */
export function randomSecret(bytes = 32, prefix = ''): string {
  return prefix + randomBytes(bytes).toString('base64url')
}

/** The SHA-256 hex digest of a high-entropy secret (keys, tokens): what is stored instead of it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  if (left.length !== right.length) return false
  return timingSafeEqual(left, right)
}
