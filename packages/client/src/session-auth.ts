import * as cookieHelpers from './auth-cookies.js'
import * as emailFlows from './auth-email-flows.js'
import * as linkFlows from './auth-link-flows.js'
import * as phoneFlows from './auth-phone-flows.js'
import * as sessionFlows from './auth-session-flows.js'
import type {
  AuthResult,
  CookieRequest,
  CookieResponse,
  ErrorsResult,
  SessionsResult,
  UserResult,
} from './auth-types.js'
import { LocalAuth } from './local-auth.js'

/**
 * The auth routes both client APIs share, Altogic's (`AuthManager`) and Agnost's
 * (`AgnostAuthManager`): sign-in, sessions, the user, passwords, phone codes and cookies, on top
 * of the local session kept by `LocalAuth`. Each method hands its work to a flow module.
 */
export class SessionAuth extends LocalAuth {
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

  /** Trades an access token (argument, else `access_token` of the page URL) for a session. */
  getAuthGrant(accessToken?: string): Promise<AuthResult> {
    return linkFlows.getAuthGrant(this.context, accessToken)
  }

  /** Sends the phone verification code again. */
  resendVerificationCode(phone: string): Promise<ErrorsResult> {
    return phoneFlows.resendVerificationCode(this.context, phone)
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
