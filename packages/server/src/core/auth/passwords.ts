import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum).
let dummyHash: Promise<string> | undefined

/** The argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

/**
 * Whether `password` matches `stored`. With no stored hash (unknown user, OAuth-only user) it
 * still verifies against a dummy hash, so that answer takes as long as a wrong password.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash('basalt-dummy-password')
  const target = stored ?? (await dummyHash)
  const matches = await verify(target, password).catch(() => false)
  return stored !== null && matches
}
