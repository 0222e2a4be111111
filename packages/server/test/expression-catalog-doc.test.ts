import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FUNCTIONS } from '../src/core/db/expressions/function-catalog.js'

const DOC = readFileSync(new URL('../../../docs/expressions.md', import.meta.url), 'utf8')

/** The rows of the function tables: everything after `## Functions` up to the next `## `. */
function documentedFunctions(): { names: string[]; aliases: string[]; rows: string[][] } {
  const section = DOC.split(/^## Functions$/m)[1]!.split(/^## /m)[0]!
  const rows = section
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
  const codes = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)
  return {
    names: rows.map((row) => codes(row[0]!)[0]!),
    aliases: rows.flatMap((row) => codes(row[1]!)),
    rows,
  }
}

describe('docs/expressions.md function table', () => {
  const { names, aliases, rows } = documentedFunctions()

  it('lists every catalog function once, and nothing else', () => {
    expect([...names].sort()).toEqual([...FUNCTIONS.keys()].sort())
  })

  it('lists every alias with its function, and nothing else', () => {
    const expected = [...FUNCTIONS.values()].flatMap((spec) => spec.aliases)
    expect([...aliases].sort()).toEqual([...expected].sort())
    for (const row of rows) {
      const spec = FUNCTIONS.get(row[0]!.replaceAll('`', ''))!
      expect(row[1], spec.name).toBe(spec.aliases.map((a) => `\`${a}\``).join(', '))
    }
  })

  it('prints each arity and memory-only mark as the catalog has them', () => {
    for (const row of rows) {
      const spec = FUNCTIONS.get(row[0]!.replaceAll('`', ''))!
      const arity =
        spec.minArgs === spec.maxArgs
          ? `${spec.minArgs}`
          : spec.maxArgs === Infinity
            ? `${spec.minArgs}+`
            : `${spec.minArgs}-${spec.maxArgs}`
      expect(row[2], spec.name).toBe(arity)
      expect(row[4], spec.name).toBe(spec.memoryOnly ? 'yes' : '')
    }
  })
})
