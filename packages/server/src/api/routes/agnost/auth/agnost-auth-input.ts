import type { FastifyRequest } from 'fastify'
import type { SignUpInput } from '../../../../core/auth/flows/sign-up.js'
import { bodyOf } from '../../auth/auth-request.js'

/**
 * The sign-up body of the Agnost client as the sign-up flows read it: `userData` stands for
 * Altogic's `nameOrUserData` (same protected-field rule); `redirectURL` and `baseURL` are not
 * part of it.
 */
export function signUpInput(request: FastifyRequest): SignUpInput {
  const { email, phone, password, userData } = bodyOf(request)
  return { email, phone, password, nameOrUserData: userData }
}

/**
 * The body's `redirectURL`, which the flows check against the allow-list. `baseURL` is ignored:
 * links always use the server's public URL.
 */
export function redirectOf(request: FastifyRequest): unknown {
  return bodyOf(request).redirectURL
}
