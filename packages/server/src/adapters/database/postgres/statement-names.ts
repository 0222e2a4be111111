import { createHash } from 'node:crypto'

/** Most statements given a name; later ones run unnamed (parsed each time). */
export const MAX_NAMED_STATEMENTS = 500

/**
 * Names for prepared statements: one per distinct SQL text, derived from it. A connection keeps
 * each named statement for its life, so the number of names is capped: past the cap, new texts
 * get none and PostgreSQL parses them each time, as it does any other statement.
 */
export class StatementNames {
  readonly #names = new Map<string, string>()

  constructor(private readonly max = MAX_NAMED_STATEMENTS) {}

  /** The name of this SQL, or undefined once the cap is reached for new texts. */
  nameOf(sql: string): string | undefined {
    const known = this.#names.get(sql)
    if (known || this.#names.size >= this.max) return known
    const name = `b_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`
    this.#names.set(sql, name)
    return name
  }
}
