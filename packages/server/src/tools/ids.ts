import { randomBytes } from 'node:crypto'

const PROCESS_UNIQUE = randomBytes(5)
let counter = randomBytes(3).readUIntBE(0, 3)

/**
 * A 24-hex-character id in the MongoDB ObjectId layout (4 bytes of seconds, 5 bytes unique to
 * the process, 3 bytes of counter), as Altogic apps expect: sortable by creation time.
 */
export function newObjectId(now: number = Date.now()): string {
  const bytes = Buffer.alloc(12)
  bytes.writeUInt32BE(Math.floor(now / 1000), 0)
  PROCESS_UNIQUE.copy(bytes, 4)
  counter = (counter + 1) % 0x1000000
  bytes.writeUIntBE(counter, 9, 3)
  return bytes.toString('hex')
}

/** Whether a string is a 24-hex-character id. */
export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/.test(value)
}
