#!/usr/bin/env node
import { isDebug, processEnvironment } from './config/environment.js'
import { reportError } from './errors.js'
import { buildProgram } from './program.js'

const debug = isDebug(processEnvironment())

/** Any failure, expected or not, ends as `basalt: <message>` and exit code 1. */
function fail(error: unknown): never {
  reportError(error, debug)
  process.exit(1)
}

process.on('uncaughtException', fail)
process.on('unhandledRejection', fail)

try {
  await buildProgram().parseAsync(process.argv)
} catch (error) {
  fail(error)
}
