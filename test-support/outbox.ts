import { OutboxStore } from '../packages/server/src/adapters/outbox/outbox-store.js'
import type { Database } from '@basalt/server'

/** The newest dev-outbox mail to an address; fails the test when there is none. */
export async function latestMail(db: Database, to: string) {
  const entry = await new OutboxStore(db).latest('mail', to)
  if (!entry) throw new Error(`no mail to ${to} in the outbox`)
  return entry
}

/** The code in the newest dev-outbox SMS to a number. */
export async function latestCode(db: Database, to: string): Promise<string> {
  const entry = await new OutboxStore(db).latest('sms', to)
  const code = entry?.body.match(/\b(\d{6})\b/)?.[1]
  if (!code) throw new Error(`no code sent to ${to}`)
  return code
}

/** The server link (`.../_auth/...?token=...`) in a mail body. */
export function linkIn(body: string): URL {
  const match = body.match(/https?:\/\/\S+\/_auth\/\S+/)
  if (!match) throw new Error(`no link in: ${body}`)
  return new URL(match[0])
}

/**
 * Follows a mailed link on the server at `base` as a browser would, without following the
 * redirect: answers the query of the app URL it redirects to.
 */
export async function followLink(base: string, link: URL): Promise<URLSearchParams> {
  const res = await fetch(`${base}${link.pathname}${link.search}`, { redirect: 'manual' })
  const location = res.headers.get('location')
  if (res.status !== 302 || !location) {
    throw new Error(`expected a redirect, got ${res.status}: ${await res.text()}`)
  }
  return new URL(location).searchParams
}
