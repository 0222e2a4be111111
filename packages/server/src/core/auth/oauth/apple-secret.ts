import { createPrivateKey, sign } from 'node:crypto'
import type { ClientAuth } from 'openid-client'

/** The Sign in with Apple key that signs client secrets. */
export interface AppleKey {
  teamId: string
  keyId: string
  /** PKCS#8 PEM (the `.p8` file Apple gives). */
  privateKey: string
}

const SECRET_TTL_SECONDS = 5 * 60

/**
 * Apple's client secret: an ES256 JWT from the team, about the Services ID, for Apple's
 * issuer. A fresh one is made for every token request, so none lives long.
 */
export function appleClientSecret(
  key: AppleKey & { clientId: string; audience: string },
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000)
  const header = { alg: 'ES256', kid: key.keyId }
  const claims = {
    iss: key.teamId,
    iat,
    exp: iat + SECRET_TTL_SECONDS,
    aud: key.audience,
    sub: key.clientId,
  }
  const input = `${encode(header)}.${encode(claims)}`
  const signature = sign('sha256', Buffer.from(input), {
    key: createPrivateKey(key.privateKey),
    dsaEncoding: 'ieee-p1363',
  })
  return `${input}.${signature.toString('base64url')}`
}

/** client_secret_post with a freshly signed Apple client secret. */
export function appleClientAuth(key: AppleKey, clientId: string, audience: string): ClientAuth {
  return (_server, _client, body) => {
    body.set('client_id', clientId)
    body.set('client_secret', appleClientSecret({ ...key, clientId, audience }))
  }
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
