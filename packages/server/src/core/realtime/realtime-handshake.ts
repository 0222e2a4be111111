import type { KeyVerifier } from '../keys/key-verifier.js'
import { isOriginAllowed } from '../keys/key-rules.js'
import type { SessionResolver } from '../sessions/session-resolver.js'
import { fail } from '../../tools/errors.js'

/** Which client library speaks on a socket: it decides the handshake and the user-event args. */
export type RealtimeClient = 'altogic' | 'agnost'

/**
 * The fields of `socket.handshake.auth` the published clients send: Altogic's
 * `{echoMessages, subdomain, envId, clientKey, Session}` (protocol §7.2) and Agnost's
 * `{echoMessages, envId, apiKey, session}` (agnost-protocol §1.7).
 */
export interface HandshakeAuth {
  echoMessages?: unknown
  subdomain?: unknown
  envId?: unknown
  clientKey?: unknown
  Session?: unknown
  apiKey?: unknown
  session?: unknown
}

/** Who a socket is, once its handshake is accepted. */
export interface RealtimeIdentity {
  keyId: string
  userId: string | undefined
  /** The handshake's `echoMessages`: the echo of any event whose payload does not say. */
  echoMessages: boolean
  client: RealtimeClient
}

/** What the handshake check needs. */
export interface HandshakeDeps {
  keys: KeyVerifier
  sessions: SessionResolver
  /** When set, an Agnost handshake naming another `envId` is refused. */
  agnostEnvId?: string | undefined
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
  if (!token && key.enforceSession) {
    throw fail(
      'missing_session_token',
      'The client key enforces sessions: the handshake needs one.',
    )
  }
  const userId = await userOf(deps, token)
  return { keyId: key.id, userId, echoMessages: auth.echoMessages !== false, client: 'altogic' }
}

/**
 * Accepts or refuses an Agnost socket: a live API key from an allowed origin, the `session` it
 * carries, and (when the app sets one) its `envId`. An API key's endpoint rules govern the app's
 * endpoints, not realtime: any live key of an allowed domain connects.
 */
export async function authorizeAgnostHandshake(
  deps: HandshakeDeps,
  auth: HandshakeAuth,
  origin: string | undefined,
): Promise<RealtimeIdentity> {
  const secret = nonEmpty(auth.apiKey)
  if (!secret) throw fail('missing_api_key', 'The handshake auth needs an apiKey.')
  const key = await deps.keys.lookup(secret)
  if (!key || key.type !== 'api') throw fail('invalid_api_key')
  if (!isOriginAllowed(key.domains, origin)) {
    throw fail('domain_not_allowed', undefined, { origin: origin ?? null })
  }
  if (deps.agnostEnvId !== undefined && auth.envId !== deps.agnostEnvId) {
    throw fail('validation_error', "The handshake envId is not this server's environment.", {
      envId: auth.envId ?? null,
    })
  }
  const userId = await userOf(deps, nonEmpty(auth.session))
  return { keyId: key.id, userId, echoMessages: auth.echoMessages !== false, client: 'agnost' }
}

/** The user of a handshake session token; a token that resolves to no live session is refused. */
async function userOf(deps: HandshakeDeps, token: string | undefined): Promise<string | undefined> {
  if (!token) return undefined
  const session = await deps.sessions.resolve(token)
  if (!session) throw fail('invalid_session_token')
  return session.userId
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
