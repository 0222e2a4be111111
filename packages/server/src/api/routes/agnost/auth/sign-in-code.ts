import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signInWithCode } from '../../../../core/auth/flows/sign-in.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signin-code?code=&phone=: `{user, session}`. */
export function agnostSignInCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/signin-code`, { config: { session: 'none' } }, (request) =>
    signInWithCode(
      ctx,
      { phone: rawQuery(request, 'phone'), code: rawQuery(request, 'code') },
      authRequest(request),
    ),
  )
}
