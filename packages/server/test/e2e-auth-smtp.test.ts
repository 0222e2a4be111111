import type { AddressInfo } from 'node:net'
import { createClient } from 'altogic'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { followLink, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

/** A real SMTP server on loopback that hands each received message to the waiting test. */
function smtpInbox() {
  const waiting: Array<(raw: string) => void> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        waiting.shift()?.(raw)
        done()
      })
    },
  })
  return {
    start: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
      ),
    next: () => new Promise<string>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The text of a quoted-printable body, as nodemailer encodes long lines. */
const unquote = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

describe('auth mail through a real SMTP server', () => {
  const inbox = smtpInbox()
  let t: TestServer
  let url: string

  beforeAll(async () => {
    const port = await inbox.start()
    t = await startTestServer(pgTargets()[0]!, {
      app: {
        name: 'Mail Co',
        auth: {
          emailConfirmation: true,
          redirectUrl: 'http://app.test/done',
          mail: {
            from: 'Mail Co <hello@mail.test>',
            smtp: { host: '127.0.0.1', port, secure: false },
          },
        },
      },
    })
    url = await t.server.listen()
  })
  afterAll(async () => {
    await t.close()
    await inbox.close()
  })

  it('mails the confirmation link over SMTP, and the link confirms the account', async () => {
    const client = createClient(url, t.clientKey, { localStorage: memoryStorage() })
    const arrived = inbox.next()
    const up = await client.auth.signUpWithEmail('smtp@x.test', 'password-1')
    expect(up.session).toBeNull()
    const raw = unquote(await arrived)
    expect(raw).toMatch(/^To: smtp@x\.test/m)
    expect(raw).toMatch(/^From: Mail Co <hello@mail\.test>/m)
    expect(raw).toMatch(/^Subject: Confirm your email for Mail Co/m)
    const grant = await followLink(url, linkIn(raw))
    const { user, session } = await client.auth.getAuthGrant(grant.get('access_token')!)
    expect(user).toMatchObject({ email: 'smtp@x.test', emailVerified: true })
    expect(session?.token).toBeTruthy()
  })
})
