import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signUpEmailRoute } from './sign-up-email.js'
import { signUpPhoneRoute } from './sign-up-phone.js'
import { signInEmailRoute } from './sign-in-email.js'
import { signInPhoneRoute } from './sign-in-phone.js'
import { signInCodeRoute } from './sign-in-code.js'
import { signOutRoute } from './sign-out.js'
import { signOutAllRoute } from './sign-out-all.js'
import { signOutAllExceptRoute } from './sign-out-all-except.js'
import { getSessionsRoute } from './get-sessions.js'
import { getUserRoute } from './get-user.js'
import { changePasswordRoute } from './change-password.js'
import { getGrantRoute } from './get-grant.js'
import { resendEmailRoute } from './resend-email.js'
import { sendMagicLinkRoute } from './send-magic-link.js'
import { sendResetEmailRoute } from './send-reset-email.js'
import { resendCodeRoute } from './resend-code.js'
import { sendSignInCodeRoute } from './send-sign-in-code.js'
import { sendResetCodeRoute } from './send-reset-code.js'
import { resetPasswordRoute } from './reset-password.js'
import { resetPasswordCodeRoute } from './reset-password-code.js'
import { changeEmailRoute } from './change-email.js'
import { changePhoneRoute } from './change-phone.js'
import { verifyPhoneRoute } from './verify-phone.js'

/** Registers every auth route of the protocol (§2 and §8 rows 1-23). */
export function registerAuthRoutes(app: FastifyInstance, ctx: AuthContext): void {
  for (const register of [
    signUpEmailRoute,
    signUpPhoneRoute,
    signInEmailRoute,
    signInPhoneRoute,
    signInCodeRoute,
    signOutRoute,
    signOutAllRoute,
    signOutAllExceptRoute,
    getSessionsRoute,
    getUserRoute,
    changePasswordRoute,
    getGrantRoute,
    resendEmailRoute,
    sendMagicLinkRoute,
    sendResetEmailRoute,
    resendCodeRoute,
    sendSignInCodeRoute,
    sendResetCodeRoute,
    resetPasswordRoute,
    resetPasswordCodeRoute,
    changeEmailRoute,
    changePhoneRoute,
    verifyPhoneRoute,
  ]) {
    register(app, ctx)
  }
}
