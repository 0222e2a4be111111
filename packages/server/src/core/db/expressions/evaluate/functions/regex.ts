import { asText, hasNull } from './arguments.js'

const CACHE_SIZE = 200
const cache = new Map<string, RegExp | null>()

/** REGEXMATCH(t, pattern[, flags]): null for a pattern that does not compile or flags but 'i'. */
export function regexMatch(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const [text, pattern] = args.map(asText)
  const flags = args.length > 2 ? asText(args[2]) : ''
  if (text === undefined || pattern === undefined || (flags !== '' && flags !== 'i')) return null
  const regex = compile(pattern, flags)
  return regex === null ? null : regex.test(text)
}

function compile(pattern: string, flags: string): RegExp | null {
  const key = `${flags}/${pattern}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  const regex = tryRegExp(pattern, `u${flags}`) ?? tryRegExp(pattern, flags)
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
  cache.set(key, regex)
  return regex
}

function tryRegExp(pattern: string, flags: string): RegExp | null {
  try {
    return new RegExp(pattern, flags)
  } catch {
    return null
  }
}
