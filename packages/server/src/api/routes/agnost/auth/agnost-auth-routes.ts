import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { agnostSignUpEmailRoute } from './sign-up-email.js'
import { agnostSignUpPhoneRoute } from './sign-up-phone.js'
import { agnostSignInEmailRoute } from './sign-in-email.js'
import { agnostSignInPhoneRoute } from './sign-in-phone.js'
import { agnostSignInCodeRoute } from './sign-in-code.js'
import { agnostGetGrantRoute } from './get-grant.js'
import { agnostSignOutRoute } from './sign-out.js'
import { agnostSignOutAllRoute } from './sign-out-all.js'
import { agnostSignOutAllExceptRoute } from './sign-out-all-except.js'
import { agnostGetSessionsRoute } from './get-sessions.js'
import { agnostGetUserRoute } from './get-user.js'
import { agnostChangePasswordRoute } from './change-password.js'
import { agnostResendEmailRoute } from './resend-email.js'
import { agnostSendMagicLinkRoute } from './send-magic-link.js'
import { agnostSendResetEmailRoute } from './send-reset-email.js'
import { agnostResendCodeRoute } from './resend-code.js'
import { agnostSendSignInCodeRoute } from './send-sign-in-code.js'
import { agnostSendResetCodeRoute } from './send-reset-code.js'
import { agnostResetPasswordRoute } from './reset-password.js'
import { agnostResetPasswordCodeRoute } from './reset-password-code.js'
import { agnostChangeEmailRoute } from './change-email.js'
import { agnostChangePhoneRoute } from './change-phone.js'
import { agnostVerifyPhoneRoute } from './verify-phone.js'

/** Registers every auth route of the Agnost client (agnost-protocol.md §1.4). */
export function registerAgnostAuthRoutes(app: FastifyInstance, ctx: AuthContext): void {
  for (const register of [
    agnostSignUpEmailRoute,
    agnostSignUpPhoneRoute,
    agnostSignInEmailRoute,
    agnostSignInPhoneRoute,
    agnostSignInCodeRoute,
    agnostGetGrantRoute,
    agnostSignOutRoute,
    agnostSignOutAllRoute,
    agnostSignOutAllExceptRoute,
    agnostGetSessionsRoute,
    agnostGetUserRoute,
    agnostChangePasswordRoute,
    agnostResendEmailRoute,
    agnostSendMagicLinkRoute,
    agnostSendResetEmailRoute,
    agnostResendCodeRoute,
    agnostSendSignInCodeRoute,
    agnostSendResetCodeRoute,
    agnostResetPasswordRoute,
    agnostResetPasswordCodeRoute,
    agnostChangeEmailRoute,
    agnostChangePhoneRoute,
    agnostVerifyPhoneRoute,
  ]) {
    register(app, ctx)
  }
}
