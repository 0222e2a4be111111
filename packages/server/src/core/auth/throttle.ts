import { fail } from '../../tools/errors.js'
import type { AuthContext } from './auth-context.js'

/** Default budgets of the abuse-prone auth routes (`auth.limits` overrides them). */
export const AUTH_LIMITS = {
  /** Sign-in attempts from one address. */
  signInByIp: { max: 30, windowSeconds: 60 },
  /** Sign-in attempts on one account, from anywhere. */
  signInByAccount: { max: 10, windowSeconds: 60 },
  /** Accounts created from one address. */
  signUpByIp: { max: 10, windowSeconds: 60 },
  /** Mails and SMS sent to one address or number. */
  sendByAccount: { max: 3, windowSeconds: 60 },
  /** Mails and SMS requested from one client address. */
  sendByIp: { max: 20, windowSeconds: 60 },
  /** Codes and tokens tried from one client address. */
  verifyByIp: { max: 30, windowSeconds: 60 },
} as const

/** Counts one attempt against a budget; answers 429 rate_limit_exceeded when it is spent. */
export async function throttle(
  ctx: AuthContext,
  budget: keyof typeof AUTH_LIMITS,
  subject: string,
): Promise<void> {
  const { max, windowSeconds } = ctx.config.limits[budget] ?? AUTH_LIMITS[budget]
  const result = await ctx.limiter.hit(
    `auth:${budget}:${subject.toLowerCase()}`,
    max,
    windowSeconds * 1000,
  )
  if (!result.allowed) {
    throw fail('rate_limit_exceeded', 'Too many attempts; try again later.', {
      retryAfterMs: result.resetInMs,
    })
  }
}
