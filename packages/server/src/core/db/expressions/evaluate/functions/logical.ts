import { valuesEqual } from '../compare.js'
import { isTruthy } from '../values.js'
import type { FunctionTable } from './function-types.js'

/** AND, OR, NOT, XOR, IF, IFS, SWITCH, COALESCE, ISTRUE, EXISTS, IN. */
export const LOGICAL_FUNCTIONS: FunctionTable = {
  AND: { lazy: (args, env, run) => args.every((arg) => isTruthy(run(arg, env))) },
  OR: { lazy: (args, env, run) => args.some((arg) => isTruthy(run(arg, env))) },
  NOT: ([value]) => !isTruthy(value),
  XOR: (args) => args.filter(isTruthy).length % 2 === 1,
  IF: {
    lazy: ([cond, then, otherwise], env, run) =>
      run(isTruthy(run(cond!, env)) ? then! : otherwise!, env),
  },
  IFS: {
    lazy: (args, env, run) => {
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (isTruthy(run(args[i]!, env))) return run(args[i + 1]!, env)
      }
      return null
    },
  },
  SWITCH: {
    lazy: ([subject, ...cases], env, run) => {
      const value = run(subject!, env)
      for (let i = 0; i + 1 < cases.length; i += 2) {
        if (valuesEqual(value, run(cases[i]!, env))) return run(cases[i + 1]!, env)
      }
      return cases.length % 2 === 1 ? run(cases[cases.length - 1]!, env) : null
    },
  },
  COALESCE: {
    lazy: (args, env, run) => {
      for (const arg of args) {
        const value = run(arg, env)
        if (value !== null && value !== undefined) return value
      }
      return null
    },
  },
  ISTRUE: ([value]) => isTruthy(value),
  EXISTS: ([value]) => value !== null && value !== undefined,
  IN: ([list, value]) => {
    if (list === null || list === undefined) return false
    return Array.isArray(list) ? list.some((item) => valuesEqual(item, value)) : null
  },
}
