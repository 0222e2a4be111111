/** A function of the app's code: an endpoint, queue or task handler. */
export type AppHandler = (...args: never[]) => unknown

/**
 * Loads the app's handler modules: `file.ts` (its default export) or `file.ts#name` (a named
 * export), relative to the app folder, TypeScript without a build step.
 */
export interface HandlerLoader {
  /** The handler a spec names; rejects with a readable message when it cannot be loaded. */
  load(spec: string): Promise<AppHandler>
}
