import * as cookieHelpers from '../auth-cookies.js'
import * as emailFlows from '../auth-email-flows.js'
import * as linkFlows from '../auth-link-flows.js'
import * as phoneFlows from '../auth-phone-flows.js'
import * as sessionFlows from '../auth-session-flows.js'
import type {
  AuthResult,
  CookieRequest,
  CookieResponse,
  ErrorsResult,
  OAuthProvider,
  SessionsResult,
  UserResult,
} from '../auth-types.js'
import { LocalAuth } from '../local-auth.js'
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
export class AgnostAuthManager extends LocalAuth {
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

  /** Signs in with email and password, storing the user and session. */
  signInWithEmail(email: string, password: string): Promise<AuthResult> {
    return emailFlows.signInWithEmail(this.context, email, password)
  }

  /** Signs in with phone and password, storing the user and session. */
  signInWithPhone(phone: string, password: string): Promise<AuthResult> {
    return phoneFlows.signInWithPhone(this.context, phone, password)
  }

  /** Signs in with a code sent by SMS (`sendSignInCode`), storing the user and session. */
  signInWithCode(phone: string, code: string): Promise<AuthResult> {
    return phoneFlows.signInWithCode(this.context, phone, code)
  }

  /** Sends a browser to the provider's sign-in page, which returns to `redirectURL`. */
  signInWithProvider(provider: OAuthProvider, redirectURL: string): void {
    agnostFlows.signInWithProvider(this.context, provider, redirectURL)
  }

  /** Trades an access token (argument, else `access_token` of the page URL) for a session. */
  getAuthGrant(accessToken?: string): Promise<AuthResult> {
    return linkFlows.getAuthGrant(this.context, accessToken)
  }

  /** Ends a session (the current one without a token); forgets it locally if it was current. */
  signOut(sessionToken?: string): Promise<ErrorsResult> {
    return sessionFlows.signOut(this.context, sessionToken)
  }

  /** Ends every session of the user, this one included. */
  signOutAll(): Promise<ErrorsResult> {
    return sessionFlows.signOutAll(this.context)
  }

  /** Ends every session of the user except this one. */
  signOutAllExceptCurrent(): Promise<ErrorsResult> {
    return sessionFlows.signOutAllExceptCurrent(this.context)
  }

  /** The user's active sessions. */
  getAllSessions(): Promise<SessionsResult> {
    return sessionFlows.getAllSessions(this.context)
  }

  /** The signed-in user as the server has it (local data is not updated). */
  getUserFromDB(): Promise<UserResult> {
    return sessionFlows.getUserFromDB(this.context)
  }

  /** Changes the signed-in user's password. */
  changePassword(newPassword: string, oldPassword: string): Promise<ErrorsResult> {
    return sessionFlows.changePassword(this.context, newPassword, oldPassword)
  }

  /** Sends the email verification link again; the link leads to `redirectURL`. */
  resendVerificationEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.resendVerificationEmail(this.context, email, redirectURL)
  }

  /** Sends the phone verification code again. */
  resendVerificationCode(phone: string): Promise<ErrorsResult> {
    return phoneFlows.resendVerificationCode(this.context, phone)
  }

  /** Sends a magic sign-in link by email; the link leads to `redirectURL`. */
  sendMagicLinkEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.sendMagicLinkEmail(this.context, email, redirectURL)
  }

  /** Sends a password reset link by email; the link leads to `redirectURL`. */
  sendResetPwdEmail(email: string, redirectURL: string): Promise<ErrorsResult> {
    return agnostFlows.sendResetPwdEmail(this.context, email, redirectURL)
  }

  /** Sends a password reset code by SMS. */
  sendResetPwdCode(phone: string): Promise<ErrorsResult> {
    return phoneFlows.sendResetPwdCode(this.context, phone)
  }

  /** Sends a sign-in code by SMS. */
  sendSignInCode(phone: string): Promise<ErrorsResult> {
    return phoneFlows.sendSignInCode(this.context, phone)
  }

  /** Sets a new password with the access token of a reset link. */
  resetPwdWithToken(accessToken: string, newPassword: string): Promise<ErrorsResult> {
    return linkFlows.resetPwdWithToken(this.context, accessToken, newPassword)
  }

  /** Sets a new password with a code sent by SMS. */
  resetPwdWithCode(phone: string, code: string, newPassword: string): Promise<ErrorsResult> {
    return phoneFlows.resetPwdWithCode(this.context, phone, code, newPassword)
  }

  /** Changes the user's email; with confirmation on, the emailed link leads to `redirectURL`. */
  changeEmail(
    currentPassword: string,
    newEmail: string,
    redirectURL?: string,
  ): Promise<UserResult> {
    return agnostFlows.changeEmail(this.context, currentPassword, newEmail, redirectURL)
  }

  /** Changes the user's phone (effective at once, or after `verifyPhone`). */
  changePhone(currentPassword: string, newPhone: string): Promise<UserResult> {
    return phoneFlows.changePhone(this.context, currentPassword, newPhone)
  }

  /** Verifies a phone with its SMS code; a sign-up verification also signs in. */
  verifyPhone(phone: string, code: string): Promise<AuthResult> {
    return phoneFlows.verifyPhone(this.context, phone, code)
  }

  /** Sets the `session_token` cookie (on `res` on a server, document.cookie in a browser). */
  setSessionCookie(
    sessionToken: string,
    _req?: CookieRequest | null,
    res?: CookieResponse | null,
  ): void {
    cookieHelpers.setSessionCookie(sessionToken, res)
  }

  /** Expires the `session_token` cookie. */
  removeSessionCookie(_req?: CookieRequest | null, res?: CookieResponse | null): void {
    cookieHelpers.removeSessionCookie(res)
  }

  /** Uses the `session_token` cookie as the session and gets the user from the server. */
  getUserFromDBbyCookie(
    req?: CookieRequest | null,
    res?: CookieResponse | null,
  ): Promise<UserResult> {
    return cookieHelpers.getUserFromDBbyCookie(this, req, res)
  }
}
