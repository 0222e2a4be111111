import { fileURLToPath } from 'node:url'
import type { ServerConfig } from '@basalt/server'

/** The fixture app folder of the endpoint tests. */
export const ENDPOINTS_APP_DIR = fileURLToPath(new URL('./fixtures/endpoints-app', import.meta.url))

const H = 'handlers/basics.ts'

/** The app section of the endpoint tests: endpoints, parameters and a model without rules. */
export const ENDPOINTS_APP = {
  name: 'endpoints-test',
  parameters: { currency: 'EUR', retries: 3 },
  models: { secrets: { fields: { text: { type: 'text' } } } },
  endpoints: [
    { method: 'GET', path: '/echo/:id', handler: `${H}#echo` },
    { method: 'POST', path: '/echo/:id', handler: `${H}#echo` },
    { method: 'PUT', path: '/echo/:id', handler: `${H}#echo` },
    { method: 'DELETE', path: '/echo/:id', handler: `${H}#echo` },
    { method: 'GET', path: '/hello/:name', handler: `${H}#hello` },
    { method: 'GET', path: '/params', handler: `${H}#appParameters` },
    { method: 'GET', path: '/me', handler: `${H}#whoAmI`, session: 'required' },
    { method: 'GET', path: '/keyed', handler: `${H}#hello`, apiKey: true },
    { method: 'GET', path: '/broken', handler: `${H}#broken` },
    { method: 'GET', path: '/slow', handler: `${H}#slow`, timeoutSeconds: 1 },
    { method: 'GET', path: '/bytes', handler: `${H}#bytes` },
    { method: 'POST', path: '/nothing', handler: `${H}#nothing` },
    { method: 'POST', path: '/small', handler: `${H}#echo`, bodyLimitBytes: 64 },
    { method: 'POST', path: '/large', handler: `${H}#nothing`, bodyLimitBytes: 4 * 1024 * 1024 },
    { method: 'POST', path: '/upload', handler: `${H}#upload` },
    { method: 'POST', path: '/orders/:orderId', handler: 'handlers/altogic-order.ts' },
    { method: 'POST', path: '/notes', handler: 'handlers/server-api.ts#notes' },
    { method: 'GET', path: '/cached/:key', handler: 'handlers/server-api.ts#cached' },
  ],
}

/** Server overrides for the fixture app (`mode` as given). */
export function endpointsOverrides(mode: 'development' | 'production'): Partial<ServerConfig> {
  return { appDir: ENDPOINTS_APP_DIR, mode, app: ENDPOINTS_APP } as unknown as Partial<ServerConfig>
}
