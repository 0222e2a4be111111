// What an app's basalt.config.ts and handler modules import as 'basalt'; the config loader
// aliases 'basalt' to this.
export { defineConfig } from '@basalt/server'
export type {
  AppConfig,
  EndpointRequest,
  HandlerContext,
  ServerApi,
  UploadedFile,
} from '@basalt/server'
export type { EndpointResponse } from '@basalt/server'
