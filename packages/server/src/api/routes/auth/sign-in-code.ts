import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signInWithCode } from '../../../core/auth/flows/sign-in.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/signin-code?code=&phone=: sign-in with an SMS code. */
export function signInCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signin-code`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      signInWithCode(
        ctx,
        { phone: rawQuery(request, 'phone'), code: rawQuery(request, 'code') },
        authRequest(request),
      ),
  )
}
