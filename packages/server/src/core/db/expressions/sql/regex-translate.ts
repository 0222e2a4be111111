/*
 * REGEXMATCH patterns in queries: the subset of regular expressions that JavaScript and
 * PostgreSQL's AREs read alike (classes, \d \w \s, anchors, groups, alternation, quantifiers),
 * parsed here and written out again in a canonical ARE form. Anything else, or a pattern
 * PostgreSQL could reject at run time (repetition counts past 255, a pattern too large), is
 * refused, and REGEXMATCH answers null, so user patterns can never make PostgreSQL raise.
 */

const MAX_COUNT = 255
/** A bound on the states PostgreSQL compiles (repetition counts multiply). */
const MAX_SIZE = 5000

const CLASSES: Record<string, string> = {
  d: '0-9',
  w: 'A-Za-z0-9_',
  s: ' \\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff',
}
const CONTROL: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 }
const DOT = '[^\\n\\r\\u2028\\u2029]'

class Refused extends Error {}

/** The ARE form of a pattern, or undefined when it is outside the common subset. */
export function translateRegex(pattern: string): string | undefined {
  try {
    const parser = new RegexParser(pattern)
    const [out, size] = parser.alternation()
    if (parser.pos !== pattern.length || size > MAX_SIZE) return undefined
    return out
  } catch (error) {
    if (error instanceof Refused) return undefined
    throw error
  }
}

class RegexParser {
  pos = 0
  private groups = 0

  constructor(private readonly src: string) {}

  private peek(): string | undefined {
    return this.src[this.pos]
  }

  alternation(): [string, number] {
    const branches: string[] = []
    let size = 0
    for (;;) {
      const [out, n] = this.sequence()
      branches.push(out)
      size += n
      if (this.peek() !== '|') return [branches.join('|'), size]
      this.pos++
    }
  }

  private sequence(): [string, number] {
    let out = ''
    let size = 0
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const [atom, n, quantifiable] = this.atom()
      const [quantifier, times] = this.quantifier()
      if (quantifier && !quantifiable) throw new Refused()
      out += atom + quantifier
      size += n * times
    }
    return [out, size]
  }

  private atom(): [string, number, boolean] {
    const c = this.src[this.pos++]!
    if (c === '^' || c === '$') return [c, 1, false]
    if (c === '.') return [DOT, 1, true]
    if (c === '[') return [this.bracket(), 1, true]
    if (c === '(') return this.group()
    if (c === '\\') return this.escape()
    if ('*+?{}]'.includes(c)) throw new Refused()
    const code = this.src.codePointAt(this.pos - 1)!
    if (code > 0xffff) this.pos++
    return [literal(code), 1, true]
  }

  private group(): [string, number, boolean] {
    let open = '('
    if (this.src.startsWith('?:', this.pos)) {
      this.pos += 2
      open = '(?:'
    } else if (this.peek() === '?') {
      throw new Refused()
    }
    if (++this.groups > 100) throw new Refused()
    const [inner, size] = this.alternation()
    if (this.src[this.pos++] !== ')') throw new Refused()
    return [`${open}${inner})`, size + 1, true]
  }

  private escape(): [string, number, boolean] {
    const c = this.src[this.pos++]
    if (c === undefined) throw new Refused()
    if (c === 'b') return ['\\y', 1, false]
    if (c === 'B') return ['\\Y', 1, false]
    const cls = CLASSES[c.toLowerCase()]
    if (cls !== undefined) return [c === c.toLowerCase() ? `[${cls}]` : `[^${cls}]`, 1, true]
    return [literal(this.escapedCode(c)), 1, true]
  }

  /** The code point of an escape other than a class (`\n`, `\u00e9`, `\.`...). */
  private escapedCode(c: string): number {
    if (CONTROL[c] !== undefined) {
      if (c === '0' && /[0-9]/.test(this.peek() ?? '')) throw new Refused()
      return CONTROL[c]!
    }
    if (c === 'u' || c === 'x') {
      const digits = this.src.slice(this.pos, this.pos + (c === 'u' ? 4 : 2))
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== (c === 'u' ? 4 : 2)) {
        throw new Refused()
      }
      this.pos += digits.length
      return parseInt(digits, 16)
    }
    if (/[A-Za-z0-9]/.test(c)) throw new Refused()
    return c.codePointAt(0)!
  }

  private bracket(): string {
    let negate = false
    if (this.peek() === '^') {
      negate = true
      this.pos++
    }
    const items: string[] = []
    while (this.peek() !== ']') {
      if (this.pos >= this.src.length) throw new Refused()
      const low = this.bracketItem()
      if (typeof low === 'string') {
        items.push(low)
        continue
      }
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++
        const high = this.bracketItem()
        if (typeof high === 'string' || high < low) throw new Refused()
        items.push(`${entry(low)}-${entry(high)}`)
      } else {
        items.push(entry(low))
      }
    }
    this.pos++
    if (items.length === 0) throw new Refused()
    return `[${negate ? '^' : ''}${items.join('')}]`
  }

  /** A code point, or a class's ranges (`\d` inside brackets). */
  private bracketItem(): number | string {
    const c = this.src[this.pos++]!
    if (c === '[') throw new Refused()
    if (c !== '\\') {
      const code = this.src.codePointAt(this.pos - 1)!
      if (code > 0xffff) this.pos++
      return code
    }
    const e = this.src[this.pos++]
    if (e === undefined) throw new Refused()
    const cls = CLASSES[e]
    if (cls !== undefined) return cls
    if (e === 'b') return 8
    return this.escapedCode(e)
  }

  private quantifier(): [string, number] {
    const c = this.peek()
    let out: string
    let times: number
    if (c === '*' || c === '+' || c === '?') {
      this.pos++
      out = c
      times = c === '?' ? 1 : 2
    } else if (c === '{') {
      const m = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(this.src.slice(this.pos))
      if (!m) throw new Refused()
      const min = Number(m[1])
      const max = m[2] === undefined ? min : m[3] === '' ? min : Number(m[3])
      if (min > MAX_COUNT || max > MAX_COUNT || max < min) throw new Refused()
      this.pos += m[0].length
      out = m[2] === undefined ? `{${min}}` : m[3] === '' ? `{${min},}` : `{${min},${max}}`
      times = Math.max(max, 1) + (m[3] === '' ? 1 : 0)
    } else {
      return ['', 1]
    }
    if (this.peek() === '?') {
      this.pos++
      out += '?'
    }
    const next = this.peek()
    if (next !== undefined && '*+?{'.includes(next)) throw new Refused()
    return [out, times]
  }
}

/** A literal character outside brackets: letters and digits as is, others escaped. */
function literal(code: number): string {
  if (/[A-Za-z0-9]/.test(String.fromCodePoint(code))) return String.fromCodePoint(code)
  return entry(code)
}

/** A character entry escape, valid inside and outside brackets. */
function entry(code: number): string {
  return code > 0xffff
    ? `\\U${code.toString(16).padStart(8, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`
}
