import * as emailFlows from './auth-email-flows.js'
import * as linkFlows from './auth-link-flows.js'
import * as phoneFlows from './auth-phone-flows.js'
import type {
  AuthResult,
  ErrorsResult,
  NameOrUserData,
  OAuthProvider,
  UserResult,
} from './auth-types.js'
import type { AltogicClient } from './client.js'
import type { Fetcher } from './fetcher.js'
import { SessionAuth } from './session-auth.js'
import type { ClientOptions } from './options.js'
import type { UserEventListenerFunction } from './realtime-types.js'

/**
 * Users and sessions: the auth routes of the Altogic API; what it shares with the Agnost one is
 * in `SessionAuth`. Each method hands its work to a flow module (email, link, session).
 */
export class AuthManager extends SessionAuth {
  protected readonly client: AltogicClient

  /** Creates the auth manager; `localStorage` persists the session, `signInRedirect` is optional. */
  constructor(client: AltogicClient, fetcher: Fetcher, options: ClientOptions) {
    super(fetcher, options)
    this.client = client
  }

  /** Creates an account with email and password; signed in when the answer has a session. */
  signUpWithEmail(
    email: string,
    password: string,
    nameOrUserData?: NameOrUserData,
  ): Promise<AuthResult> {
    return emailFlows.signUpWithEmail(this.context, email, password, nameOrUserData)
  }

  /** Creates an account with phone and password; signed in when the answer has a session. */
  signUpWithPhone(
    phone: string,
    password: string,
    nameOrUserData?: NameOrUserData,
  ): Promise<AuthResult> {
    return phoneFlows.signUpWithPhone(this.context, phone, password, nameOrUserData)
  }

  /** Sends a browser to the provider's sign-in page; does nothing outside a browser. */
  signInWithProvider(provider: OAuthProvider): void {
    linkFlows.signInWithProvider(this.context, provider)
  }

  /** Sends the email verification link again. */
  resendVerificationEmail(email: string): Promise<ErrorsResult> {
    return emailFlows.resendVerificationEmail(this.context, email)
  }

  /** Sends a magic sign-in link by email. */
  sendMagicLinkEmail(email: string): Promise<ErrorsResult> {
    return emailFlows.sendMagicLinkEmail(this.context, email)
  }

  /** Sends a password reset link by email. */
  sendResetPwdEmail(email: string): Promise<ErrorsResult> {
    return emailFlows.sendResetPwdEmail(this.context, email)
  }

  /** Changes the user's email (effective at once, or after confirmation by email). */
  changeEmail(currentPassword: string, newEmail: string): Promise<UserResult> {
    return emailFlows.changeEmail(this.context, currentPassword, newEmail)
  }

  /** Listens to the `user:*` events of the realtime connection (created if needed). */
  onUserEvent(listener: UserEventListenerFunction): void {
    this.client.realtime.onUserEvent(listener)
  }
}
