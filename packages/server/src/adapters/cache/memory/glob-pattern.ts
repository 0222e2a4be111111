const SPECIAL = /[.*+?^${}()|[\]\\/]/g

/**
 * Compiles a Redis glob (`*`, `?`, `[abc]`, `[^a]`, `[a-c]`, `\x`) into an anchored RegExp with
 * Redis's meaning; an unclosed `[` matches itself.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!
    if (char === '*') source += '[\\s\\S]*'
    else if (char === '?') source += '[\\s\\S]'
    else if (char === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!)
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end === -1) source += '\\['
      else {
        source += characterClass(pattern.slice(i + 1, end))
        i = end
      }
    } else source += escape(char)
  }
  return new RegExp(`^${source}$`)
}

function characterClass(body: string): string {
  const negated = body.startsWith('^')
  const members = negated ? body.slice(1) : body
  let out = ''
  for (let i = 0; i < members.length; i++) {
    const char = members[i]!
    if (char === '\\' && i + 1 < members.length) out += escape(members[++i]!)
    else if (members[i + 1] === '-' && i + 2 < members.length) {
      const [low, high] = [char, members[i + 2]!].sort()
      out += `${escape(low!)}-${escape(high!)}`
      i += 2
    } else out += escape(char)
  }
  return `[${negated ? '^' : ''}${out}]`
}

function escape(char: string): string {
  return char.replace(SPECIAL, '\\$&')
}
