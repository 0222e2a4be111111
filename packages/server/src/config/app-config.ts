/**
 * What an app declares in its `basalt.config.ts`. Each module's issue adds its section (models,
 * auth, storage, endpoints, queues, tasks, cache, realtime); unknown sections are refused so that
 * a typo does not pass silently.
 */
export interface AppConfig {
  /** The app's name, shown in logs and the console. */
  name?: string
}

/** Types an app configuration; `basalt.config.ts` default-exports `defineConfig({...})`. */
export function defineConfig(config: AppConfig): AppConfig {
  return config
}
