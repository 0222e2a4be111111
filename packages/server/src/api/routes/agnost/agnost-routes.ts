import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import type { RealtimeService } from '../../../core/realtime/realtime-service.js'
import type { StorageService } from '../../../core/storage/storage-service.js'
import type { AgnostCredentialDeps } from './agnost-credentials.js'
import { addAgnostCredentialHook } from './agnost-credentials.js'
import { registerAgnostAuthRoutes } from './auth/agnost-auth-routes.js'
import { agnostStartOAuthRoute } from './oauth/start-oauth.js'
import { agnostGetMembersRoute } from './realtime/get-members.js'
import { agnostGetObjectRoutes } from './storage/get-object.js'
import { agnostUploadFormdataRoute } from './storage/upload-formdata.js'

/** The services the Agnost routes call. */
export interface AgnostDeps extends AgnostCredentialDeps {
  auth: AuthContext
  realtime: RealtimeService
  storage?: StorageService | undefined
}

/**
 * Registers the `/agnost/...` routes of the Agnost client (docs/agnost.md). Every one needs an
 * API key, except the two that browsers reach without one: the OAuth start and public objects.
 */
export function registerAgnostRoutes(app: FastifyInstance, deps: AgnostDeps): void {
  void app.register(async (scope) => {
    addAgnostCredentialHook(scope, deps)
    registerAgnostAuthRoutes(scope, deps.auth)
    agnostGetMembersRoute(scope, deps.realtime)
  })
  agnostStartOAuthRoute(app, deps.auth)
  const storage = deps.storage
  if (!storage) return
  agnostUploadFormdataRoute(app, storage, deps)
  agnostGetObjectRoutes(app, storage)
}
