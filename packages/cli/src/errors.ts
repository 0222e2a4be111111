import { ConfigError } from '@basalt/server'

/** A failure the user can fix from its message alone: printed without a stack trace. */
export class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'CliError'
  }
}

/** The lines that tell the user what failed, each starting with `basalt: `. */
export function errorLines(error: unknown, debug = false): string[] {
  const lines =
    error instanceof ConfigError
      ? error.problems.map((problem) => `basalt: ${problem}`)
      : [`basalt: ${messageOf(error)}`]
  for (let inner = error; debug && inner instanceof Error; inner = inner.cause) {
    if (inner.stack) lines.push(inner.stack)
  }
  return lines
}

/** Prints a failure on stderr. */
export function reportError(error: unknown, debug = false): void {
  for (const line of errorLines(error, debug)) process.stderr.write(line + '\n')
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE') {
    return `${error.message.replace(/^listen /, '')}; choose another port with --port or PORT`
  }
  return error.message || error.name
}
