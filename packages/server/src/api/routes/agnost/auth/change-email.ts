import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { changeEmail } from '../../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'
import { redirectOf } from './agnost-auth-input.js'

/** POST /agnost/auth/change-email `{currentPassword, newEmail, redirectURL, baseURL}`: the user. */
export function agnostChangeEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/change-email`,
    { config: { session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) =>
      changeEmail(
        ctx,
        { currentPassword: bodyOf(request).currentPassword, newEmail: bodyOf(request).newEmail },
        authRequest(request),
        redirectOf(request),
      ),
  )
}
