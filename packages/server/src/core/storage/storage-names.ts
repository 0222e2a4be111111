import type { Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import { ROOT_BUCKET } from './storage-types.js'

/** The longest bucket or file name, in characters. */
export const MAX_NAME_LENGTH = 255

// Control characters (C0, DEL, C1) and the path separators.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\]/

/** Checks a bucket or file name: invalid_name when it could not be a plain name. */
export function checkName(name: string, what: 'bucket' | 'file'): string {
  const problem =
    name.length === 0
      ? 'is empty'
      : name.length > MAX_NAME_LENGTH
        ? `is longer than ${MAX_NAME_LENGTH} characters`
        : name === '.' || name === '..'
          ? 'may not be . or ..'
          : FORBIDDEN.test(name)
            ? 'may not contain /, \\ or control characters'
            : undefined
  if (problem) throw fail('invalid_name', `The ${what} name ${problem}.`, { name })
  return name
}

/** Checks a new bucket name: a valid name that is not `root`. */
export function checkBucketName(name: string): string {
  checkName(name, 'bucket')
  if (name === ROOT_BUCKET.name) {
    throw fail('root_bucket_protected', `The name '${ROOT_BUCKET.name}' is reserved.`)
  }
  return name
}

/** `photo.jpg` → `photo (n).jpg`: the n-th alternative of a taken name (before the extension). */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return `${name} (${n})`
  return `${name.slice(0, dot)} (${n})${name.slice(dot)}`
}

/**
 * The first free name of `name`, `name (1)`, `name (2)`, ... in a bucket, skipping the names in
 * `alsoTaken` (seen taken by a racing insert).
 */
export async function freeFileName(
  db: Queryable,
  bucketId: string,
  name: string,
  alsoTaken: ReadonlySet<string> = new Set(),
): Promise<string> {
  const dot = name.lastIndexOf('.')
  const stem = dot <= 0 ? name : name.slice(0, dot)
  const rows = await db.query<{ fileName: string }>(
    `SELECT "fileName" FROM basalt.storage_files
      WHERE "bucketId" = $1 AND ("fileName" = $2 OR starts_with("fileName", $3))`,
    [bucketId, name, `${stem} (`],
  )
  const taken = new Set([...rows.map((row) => row.fileName), ...alsoTaken])
  if (!taken.has(name)) return name
  for (let n = 1; ; n += 1) {
    const candidate = numberedName(name, n)
    if (!taken.has(candidate)) return checkName(candidate, 'file')
  }
}

/**
 * Runs `attempt` with free names until it succeeds: `attempt` answers false when the name was
 * taken meanwhile (a concurrent upload won the UNIQUE index), and the next name is tried.
 */
export async function withFreeName<T>(
  db: Queryable,
  bucketId: string,
  name: string,
  attempt: (name: string) => Promise<T | undefined>,
): Promise<T> {
  const taken = new Set<string>()
  for (let tries = 0; tries < 100; tries += 1) {
    const candidate = await freeFileName(db, bucketId, name, taken)
    const result = await attempt(candidate)
    if (result !== undefined) return result
    taken.add(candidate)
  }
  throw fail('file_already_exists', 'No free name was found for the file.', { name })
}

/** Whether an error is PostgreSQL's unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505'
}
