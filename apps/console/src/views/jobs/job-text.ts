/** The words of a message's or run's `errors` (a message, a list of them, or any JSON). */
export function errorSummary(errors: unknown): string {
  if (errors === null || errors === undefined) return ''
  if (typeof errors === 'string') return errors
  if (Array.isArray(errors)) return errors.map(errorSummary).filter(Boolean).join('; ')
  if (typeof errors === 'object') {
    const record = errors as Record<string, unknown>
    if (typeof record.message === 'string') return record.message
    if (record.items !== undefined) return errorSummary(record.items)
  }
  return JSON.stringify(errors)
}

/** Any JSON value, indented. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return ''
  return JSON.stringify(value, null, 2) ?? String(value)
}

const UNITS: [number, string][] = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
]

/** How far `iso` is from `now`: "in 42 s", "3 min ago", "now"; '' when missing. */
export function relativeTime(iso: string | null | undefined, now: number): string {
  if (!iso) return ''
  const at = new Date(iso).getTime()
  if (Number.isNaN(at)) return ''
  const seconds = Math.round((at - now) / 1000)
  if (seconds === 0) return 'now'
  const abs = Math.abs(seconds)
  const [unit, name] = UNITS.find(([size]) => abs >= size) ?? UNITS[3]!
  const amount = `${Math.floor(abs / unit)} ${name}`
  return seconds > 0 ? `in ${amount}` : `${amount} ago`
}
