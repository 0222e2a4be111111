import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const PREFIX = 'v1:'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Encrypts and decrypts the values of encrypted-text fields: AES-256-GCM with a random IV per
 * value, stored as `v1:` + base64(iv | tag | ciphertext). The key is the SHA-256 of the secret.
 */
export class FieldCipher {
  private readonly key: Buffer

  constructor(secret: string) {
    this.key = createHash('sha256').update(secret, 'utf8').digest()
  }

  /** The stored form of a text. */
  encrypt(text: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
  }

  /** The text of a stored value; null when it was not encrypted with this key. */
  decrypt(stored: string): string | null {
    if (!stored.startsWith(PREFIX)) return null
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64')
    if (raw.length < IV_BYTES + TAG_BYTES) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      const body = raw.subarray(IV_BYTES + TAG_BYTES)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    } catch {
      return null
    }
  }
}
