// What an app's basalt.config.ts imports as 'basalt'; the config loader aliases 'basalt' to this.
export { defineConfig } from '@basalt/server'
export type { AppConfig } from '@basalt/server'
