/** Named limits of the realtime module. */
export const REALTIME_LIMITS = {
  /** The largest payload of one client event, measured as roughly its JSON size. */
  MAX_PAYLOAD_BYTES: 64 * 1024,
  /** How many channels one socket may be in at once. */
  MAX_CHANNELS_PER_SOCKET: 100,
  /** The longest channel name, in characters. */
  MAX_CHANNEL_LENGTH: 256,
  /** The longest event name, in characters. */
  MAX_EVENT_NAME_LENGTH: 256,
  /** How many channels one socket may join per window (against join/leave churn). */
  MAX_JOINS_PER_WINDOW: 200,
  /** The join-rate window, in milliseconds. */
  JOIN_WINDOW_MS: 10_000,
} as const

/** A socket's join budget: how many joins it made since the window opened. */
export interface JoinBudget {
  count: number
  windowStart: number
}

/** Counts one join against a socket's budget; answers false when the window's budget is spent. */
export function takeJoin(budget: JoinBudget, now: number = Date.now()): boolean {
  if (now - budget.windowStart >= REALTIME_LIMITS.JOIN_WINDOW_MS) {
    budget.windowStart = now
    budget.count = 0
  }
  budget.count += 1
  return budget.count <= REALTIME_LIMITS.MAX_JOINS_PER_WINDOW
}

/**
 * About how many bytes a value takes on the wire: strings by UTF-8 length, binary by byte length,
 * the rest as JSON would write it. Stops counting past `limit`, so a huge value costs little.
 */
export function approximateSize(value: unknown, limit: number): number {
  let total = 0
  const stack: unknown[] = [value]
  while (stack.length > 0 && total <= limit) {
    const item = stack.pop()
    total += sizeOfScalar(item)
    if (item === null || typeof item !== 'object' || isBinary(item)) continue
    if (Array.isArray(item)) {
      total += 2 + item.length
      // One by one: spreading a huge array into push() would overflow the call stack.
      if (total <= limit) for (const inner of item) stack.push(inner)
    } else {
      for (const [key, inner] of Object.entries(item)) {
        total += Buffer.byteLength(key) + 4
        stack.push(inner)
      }
    }
  }
  return total
}

function sizeOfScalar(item: unknown): number {
  if (typeof item === 'string') return Buffer.byteLength(item) + 2
  if (ArrayBuffer.isView(item)) return item.byteLength
  if (item instanceof ArrayBuffer) return item.byteLength
  if (typeof item === 'number' || typeof item === 'bigint') return 8
  return typeof item === 'object' ? 0 : 5
}

function isBinary(item: object): boolean {
  return ArrayBuffer.isView(item) || item instanceof ArrayBuffer
}
