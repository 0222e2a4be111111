/** The environment variables the CLI reads, by name. */
export type Environment = Readonly<Record<string, string | undefined>>

/** The process environment: the one place in Basalt that reads process.env. */
export function processEnvironment(): Environment {
  return process.env
}

/** Whether errors should be printed with their stack trace (BASALT_DEBUG=1). */
export function isDebug(env: Environment): boolean {
  return env.BASALT_DEBUG === '1' || env.BASALT_DEBUG === 'true'
}
