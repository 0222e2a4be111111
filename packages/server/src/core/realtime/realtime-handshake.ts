import type { KeyVerifier } from '../keys/key-verifier.js'
import type { SessionResolver } from '../sessions/session-resolver.js'
import { fail } from '../../tools/errors.js'

/** The fields of `socket.handshake.auth` the published client sends (protocol §7.2). */
export interface HandshakeAuth {
  echoMessages?: unknown
  subdomain?: unknown
  envId?: unknown
  clientKey?: unknown
  Session?: unknown
}

/** Who a socket is, once its handshake is accepted. */
export interface RealtimeIdentity {
  keyId: string
  userId: string | undefined
  /** The handshake's `echoMessages`: the echo of any event whose payload does not say. */
  echoMessages: boolean
}

/** What the handshake check needs. */
export interface HandshakeDeps {
  keys: KeyVerifier
  sessions: SessionResolver
}

/**
 * Accepts or refuses a socket: a client key granting 'realtime', and the session it carries
 * (required when the key enforces sessions). Throws a BasaltError on refusal.
 */
export async function authorizeHandshake(
  deps: HandshakeDeps,
  auth: HandshakeAuth,
  origin: string | undefined,
): Promise<RealtimeIdentity> {
  const secret = nonEmpty(auth.clientKey)
  if (!secret) throw fail('missing_client_key', 'The handshake auth needs a clientKey.')
  const key = await deps.keys.verifyClientKey(secret, origin)
  if (!key.modules.includes('realtime')) {
    throw fail('module_not_allowed', "The client key does not grant the 'realtime' module.", {
      module: 'realtime',
    })
  }
  const token = nonEmpty(auth.Session)
  let userId: string | undefined
  if (token) {
    const session = await deps.sessions.resolve(token)
    if (!session) throw fail('invalid_session_token')
    userId = session.userId
  } else if (key.enforceSession) {
    throw fail(
      'missing_session_token',
      'The client key enforces sessions: the handshake needs one.',
    )
  }
  return { keyId: key.id, userId, echoMessages: auth.echoMessages !== false }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
