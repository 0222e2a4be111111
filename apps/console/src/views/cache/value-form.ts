/** What the key/value/TTL fields hold, as typed. */
export interface EntryInput {
  value: string
  ttl: string
}

/** A checked entry, ready for `PUT /cache/keys/:key`. */
export type EntryBody = { value: unknown; ttlSeconds?: number }

/** Parses the fields: the value as JSON, the TTL as whole seconds (empty: no expiry). */
export function parseEntry(
  input: EntryInput,
): { body: EntryBody; errors?: undefined } | { errors: { value?: string; ttl?: string } } {
  const errors: { value?: string; ttl?: string } = {}
  let value: unknown
  try {
    value = JSON.parse(input.value)
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : 'invalid'
    errors.value = `Not valid JSON: ${reason}. Write text in double quotes, e.g. "hello".`
  }
  const ttlText = input.ttl.trim()
  const ttl = Number(ttlText)
  if (ttlText !== '' && (!Number.isInteger(ttl) || ttl < 1)) {
    errors.ttl = 'Enter a whole number of seconds (1 or more), or leave empty for no expiry.'
  }
  if (errors.value || errors.ttl) return { errors }
  return { body: ttlText === '' ? { value } : { value, ttlSeconds: ttl } }
}
