import { fail } from '../../../tools/errors.js'
import type { JsonGetter, OAuthProfile } from './oauth-types.js'

// Each provider's user object, read into one OAuthProfile. Provider answers are untrusted
// input: every field is checked for its type, and an answer without an account id fails.

type Json = Record<string, unknown>

/** The profile in OpenID Connect claims (`sub`, `email`, `email_verified`, `name`, `picture`). */
export function oidcProfile(claims: Json): OAuthProfile {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ')
  return profileOf({
    id: claims.sub,
    email: claims.email,
    // Apple sends the flag as the string "true".
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text(claims.name) ?? (given || null),
    picture: claims.picture,
  })
}

/**
 * Apple's claims carry no name: it comes once, on the first sign-in, in the `user` form field
 * (`{"name":{"firstName":..,"lastName":..}}`).
 */
export function appleProfile(claims: Json, params: URLSearchParams): OAuthProfile {
  const profile = oidcProfile(claims)
  if (profile.name) return profile
  const name = objectOf(parseJson(params.get('user')).name)
  const full = [text(name.firstName), text(name.lastName)].filter(Boolean).join(' ')
  return { ...profile, name: full || null }
}

/**
 * GitHub: `/user`, then `/user/emails` for the primary address and whether it is verified
 * (the public `email` of `/user` may be absent, and says nothing about verification).
 */
export async function githubProfile(get: JsonGetter, userUrl: string): Promise<OAuthProfile> {
  const user = objectOf(await get(userUrl))
  const emails = await get(`${userUrl.split('?')[0]}/emails`).catch(() => [])
  const entries = (Array.isArray(emails) ? emails : []).map(objectOf)
  const primary = entries.find((entry) => entry.primary === true)
  return profileOf({
    id: user.id,
    email: primary ? primary.email : user.email,
    emailVerified: primary?.verified === true,
    name: text(user.name) ?? text(user.login),
    picture: user.avatar_url,
  })
}

/** Discord: `/users/@me` with `verified`, and the avatar hash made into a CDN URL. */
export async function discordProfile(get: JsonGetter, userUrl: string): Promise<OAuthProfile> {
  const user = objectOf(await get(userUrl))
  const id = text(user.id)
  const avatar = text(user.avatar)
  return profileOf({
    id,
    email: user.email,
    emailVerified: user.verified === true,
    name: text(user.global_name) ?? text(user.username),
    picture: id && avatar ? `https://cdn.discordapp.com/avatars/${id}/${avatar}.png` : null,
  })
}

/** Facebook: `/me?fields=id,name,email,picture`; Facebook does not say the email is verified. */
export async function facebookProfile(get: JsonGetter, userUrl: string): Promise<OAuthProfile> {
  const user = objectOf(await get(userUrl))
  return profileOf({
    id: user.id,
    email: user.email,
    emailVerified: false,
    name: user.name,
    picture: objectOf(objectOf(user.picture).data).url,
  })
}

/** X (Twitter): `/2/users/me` wraps the user in `data` and gives no email. */
export async function twitterProfile(get: JsonGetter, userUrl: string): Promise<OAuthProfile> {
  const user = objectOf(objectOf(await get(userUrl)).data)
  return profileOf({
    id: user.id,
    email: null,
    emailVerified: false,
    name: text(user.name) ?? text(user.username),
    picture: user.profile_image_url,
  })
}

function profileOf(raw: {
  id: unknown
  email: unknown
  emailVerified: boolean
  name: unknown
  picture: unknown
}): OAuthProfile {
  const id = typeof raw.id === 'number' ? String(raw.id) : text(raw.id)
  if (!id || id.length > 255) {
    throw fail('oauth_exchange_failed', 'The provider answered no account id.')
  }
  const email = emailOf(raw.email)
  return {
    id,
    email,
    emailVerified: email !== null && raw.emailVerified,
    name: text(raw.name, 256),
    picture: urlOf(raw.picture),
  }
}

function emailOf(value: unknown): string | null {
  const email = text(value, 254)
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null
}

function urlOf(value: unknown): string | null {
  const url = text(value, 2048)
  return url && /^https?:\/\//.test(url) ? url : null
}

function text(value: unknown, max = 1024): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed && trimmed.length <= max ? trimmed : null
}

function objectOf(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {}
}

function parseJson(value: string | null): Json {
  try {
    return objectOf(JSON.parse(value ?? ''))
  } catch {
    return {}
  }
}
