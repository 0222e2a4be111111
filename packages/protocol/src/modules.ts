/** The modules a client key grants rights to. */
export const MODULES = [
  'auth',
  'db',
  'storage',
  'cache',
  'queue',
  'task',
  'realtime',
  'endpoint',
] as const

/** One module name. */
export type ModuleName = (typeof MODULES)[number]

/** Whether a string names a module. */
export function isModuleName(name: string): name is ModuleName {
  return (MODULES as readonly string[]).includes(name)
}
