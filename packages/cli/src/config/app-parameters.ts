import { ConfigError } from '@basalt/server'
import type { Environment } from './environment.js'

/** The prefix of environment variables that override app parameters. */
export const PARAM_PREFIX = 'BASALT_PARAM_'

type ParameterValue = string | number | boolean | null

/**
 * Applies `BASALT_PARAM_<NAME>` variables over the app section's `parameters`: a declared
 * parameter is matched by name ignoring case (`-` may be written `_`) and keeps its type
 * (a number or boolean is parsed); any other variable adds a text parameter. Pure.
 */
export function withParameterOverrides(app: unknown, env: Environment): unknown {
  const overrides = Object.entries(env).filter(
    ([name, value]) => name.startsWith(PARAM_PREFIX) && name.length > PARAM_PREFIX.length && value,
  )
  if (overrides.length === 0 || !isObject(app)) return app
  const declared = isObject(app.parameters)
    ? (app.parameters as Record<string, ParameterValue>)
    : {}
  const parameters: Record<string, ParameterValue> = { ...declared }
  const problems: string[] = []
  for (const [variable, text] of overrides) {
    const name = declaredName(variable.slice(PARAM_PREFIX.length), declared)
    const parsed = parseAs(declared[name], text!)
    if ('value' in parsed) parameters[name] = parsed.value
    else problems.push(`${variable}: ${parsed.problem}`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return { ...app, parameters }
}

/** The declared parameter a variable suffix names, else the suffix itself. */
function declaredName(suffix: string, declared: Record<string, ParameterValue>): string {
  if (suffix in declared) return suffix
  const key = (name: string) => name.toLowerCase().replace(/-/g, '_')
  return Object.keys(declared).find((name) => key(name) === key(suffix)) ?? suffix
}

/** The variable's text as the declared value's type. */
function parseAs(
  declared: ParameterValue | undefined,
  text: string,
): { value: ParameterValue } | { problem: string } {
  if (typeof declared === 'number') {
    const value = Number(text)
    return text.trim() !== '' && Number.isFinite(value)
      ? { value }
      : { problem: `expected a number, got '${text}'` }
  }
  if (typeof declared === 'boolean') {
    if (/^(true|1|yes)$/i.test(text)) return { value: true }
    if (/^(false|0|no)$/i.test(text)) return { value: false }
    return { problem: `expected true or false, got '${text}'` }
  }
  return { value: text }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
