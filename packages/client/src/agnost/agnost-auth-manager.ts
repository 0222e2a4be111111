import type { AuthResult, ErrorsResult, OAuthProvider, UserResult } from '../auth-types.js'
import { SessionAuth } from '../session-auth.js'
import type { Fetcher } from '../fetcher.js'
import type { ClientOptions } from '../options.js'
import type { RealtimeManager } from '../realtime-manager.js'
import type { UserEventListenerFunction } from '../realtime-types.js'
import * as agnostFlows from './agnost-auth-flows.js'
import type { UserData } from './agnost-auth-flows.js'

/**
 * `client.auth` of the Agnost entry point: the method names and argument orders of
 * `@agnost/client` 1.2.7. Flows whose request is Altogic's under another prefix are the shared
 * ones (the Agnost fetcher sends them under `/agnost`); the emailed-link flows are Agnost's own.
 */
export class AgnostAuthManager extends SessionAuth {
  readonly #realtime: () => RealtimeManager

  /** `realtime` gives the client's realtime manager (created on first use). */
  constructor(fetcher: Fetcher, options: ClientOptions, realtime: () => RealtimeManager) {
    super(fetcher, options)
    this.#realtime = realtime
  }

  /**
   * Listens to the `user:*` events of the realtime connection (opened if needed); Basalt sends
   * Agnost sockets `(eventName, session, user)`.
   */
  onUserEvent(listener: UserEventListenerFunction): void {
    this.#realtime().onUserEvent(listener)
  }

  /** Creates an account with email and password; signed in when the answer has a session. */
  signUpWithEmail(
    email: string,
    password: string,
    redirectURL?: string,
    userData?: UserData,
  ): Promise<AuthResult> {
    return agnostFlows.signUpWithEmail(this.context, email, password, redirectURL, userData)
  }

  /** Creates an account with phone and password; signed in when the answer has a session. */
  signUpWithPhone(phone: string, password: string, userData?: UserData): Promise<AuthResult> {
    return agnostFlows.signUpWithPhone(this.context, phone, password, userData)
  }

  /** Sends a browser to the provider's sign-in page, which returns to `redirectURL`. */
  signInWithProvider(provider: OAuthProvider, redirectURL: string): void {
    agnostFlows.signInWithProvider(this.context, provider, redirectURL)
  }

  /** Sends the email verification link again; the link leads to `redirectURL`. */
  resendVerificationEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.resendVerificationEmail(this.context, email, redirectURL)
  }

  /** Sends a magic sign-in link by email; the link leads to `redirectURL`. */
  sendMagicLinkEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.sendMagicLinkEmail(this.context, email, redirectURL)
  }

  /** Sends a password reset link by email; the link leads to `redirectURL`. */
  sendResetPwdEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.sendResetPwdEmail(this.context, email, redirectURL)
  }

  /** Changes the user's email; with confirmation on, the emailed link leads to `redirectURL`. */
  changeEmail(
    currentPassword: string,
    newEmail: string,
    redirectURL?: string,
  ): Promise<UserResult> {
    return agnostFlows.changeEmail(this.context, currentPassword, newEmail, redirectURL)
  }
}
