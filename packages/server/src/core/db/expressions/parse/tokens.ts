import { fail } from '../../../../tools/errors.js'

/** What a token is; `op` covers operators and punctuation. */
export type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'end'

/** One token: its kind, its value (operator text, name, number or unescaped text), its offsets. */
export interface Token {
  readonly kind: TokenKind
  readonly value: string | number
  readonly start: number
  readonly end: number
}

// Longest first: `<=` before `<`. A single `=` is read as `==` (real Altogic filters use it).
const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '!']
const PUNCTUATION = '()[],.'
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['n', '\n'],
  ['t', '\t'],
])

/** Makes an `expression_syntax_error` at a 0-based offset. */
export function syntaxError(message: string, offset: number): Error {
  const position = offset + 1
  return fail('expression_syntax_error', `${message} at column ${position}`, { position })
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$')
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c)
const isSpace = (c: string): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u00a0'

/** Splits an expression into tokens, ending with an `end` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    if (isSpace(c)) {
      i++
      continue
    }
    const token = readToken(source, i, tokens[tokens.length - 1])
    tokens.push(token)
    i = token.end
  }
  tokens.push({ kind: 'end', value: '', start: source.length, end: source.length })
  return tokens
}

function readToken(source: string, i: number, previous: Token | undefined): Token {
  const c = source[i]!
  // `.5` is a number, except after a name, where the dot starts a path segment (`a.1` is wrong).
  const afterName = previous?.kind === 'ident'
  if (isDigit(c) || (c === '.' && !afterName && isDigit(source[i + 1])))
    return readNumber(source, i)
  if (c === "'" || c === '"') return readString(source, i)
  if (isIdentStart(c)) {
    let end = i + 1
    while (isIdentPart(source[end])) end++
    return { kind: 'ident', value: source.slice(i, end), start: i, end }
  }
  if (PUNCTUATION.includes(c)) return { kind: 'op', value: c, start: i, end: i + 1 }
  for (const op of OPERATORS) {
    if (source.startsWith(op, i)) return { kind: 'op', value: op, start: i, end: i + op.length }
  }
  if (c === '=') return { kind: 'op', value: '==', start: i, end: i + 1 }
  const char = String.fromCodePoint(source.codePointAt(i)!)
  throw syntaxError(`unexpected character ${JSON.stringify(char)}`, i)
}

function readNumber(source: string, start: number): Token {
  let end = start
  while (isDigit(source[end])) end++
  if (source[end] === '.' && isDigit(source[end + 1])) {
    end++
    while (isDigit(source[end])) end++
  }
  if (source[end] === 'e' || source[end] === 'E') {
    let exp = end + 1
    if (source[exp] === '+' || source[exp] === '-') exp++
    if (!isDigit(source[exp])) throw syntaxError('expected digits in the exponent', exp)
    while (isDigit(source[exp])) exp++
    end = exp
  }
  const value = Number(source.slice(start, end))
  if (!Number.isFinite(value)) throw syntaxError('number out of range', start)
  return { kind: 'number', value, start, end }
}

function readString(source: string, start: number): Token {
  const quote = source[start]!
  let text = ''
  let i = start + 1
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!
      text += ESCAPES.get(next) ?? next
      i += 2
    } else {
      text += source[i]
      i++
    }
  }
  if (i >= source.length) {
    throw syntaxError(`expected closing ${quote} but found end of expression`, source.length)
  }
  return { kind: 'string', value: text, start, end: i + 1 }
}
