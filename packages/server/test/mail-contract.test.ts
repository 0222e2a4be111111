import { randomBytes } from 'node:crypto'
import { EventEmitter, once } from 'node:events'
import { createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { SMTPServer } from 'smtp-server'
import type { SMTPServerOptions } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import type { Mailer } from '../src/adapters/mail/mailer.js'
import { OutboxMailer } from '../src/adapters/mail/outbox/outbox-mailer.js'
import { SmtpMailer } from '../src/adapters/mail/smtp/smtp-mailer.js'
import type { SmtpOptions } from '../src/adapters/mail/smtp/smtp-mailer.js'
import type { OutboxEntry } from '../src/adapters/outbox/outbox-store.js'
import { OutboxStore } from '../src/adapters/outbox/outbox-store.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { PgTarget } from '../../../test-support/databases.js'

/** A message as it arrived at the far end, whatever the transport. */
interface Delivered {
  to: string
  subject: string
  text: string
  html?: string
}

/** A running Mailer and a way to read what it delivered. */
interface Harness {
  mailer: Mailer
  /** The message delivered to `to` (each test uses its own recipient). */
  delivered(to: string): Promise<Delivered>
  stop(): Promise<void>
}

const implementations: { name: string; start: () => Promise<Harness> }[] = [
  ...pgTargets().map((target) => ({
    name: `outbox on ${target.name} PostgreSQL`,
    start: () => startOutbox(target),
  })),
  { name: 'smtp against smtp-server', start: () => startSmtp() },
]

const recipient = () => `user-${randomBytes(4).toString('hex')}@example.test`

// The same contract for every Mailer (hono's router tests are the model).
describe.each(implementations)('Mailer contract: $name', ({ start }) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await start()
  })
  afterAll(() => harness.stop())

  it('delivers the recipient, the subject and the text body', async () => {
    const to = recipient()
    await harness.mailer.send({ to, subject: 'Verify your email', text: 'Open the link.\nBye.' })
    expect(await harness.delivered(to)).toEqual({
      to,
      subject: 'Verify your email',
      text: 'Open the link.\nBye.',
    })
  })

  it('keeps a unicode subject and body intact', async () => {
    const to = recipient()
    const subject = 'Vérifiez votre adresse ✉ 日本語のメール, a subject long enough to be folded'
    await harness.mailer.send({ to, subject, text: 'Grüße, 你好 👋' })
    expect(await harness.delivered(to)).toMatchObject({ subject, text: 'Grüße, 你好 👋' })
  })

  it('carries the HTML body alongside the text', async () => {
    const to = recipient()
    const html = '<p>Click <a href="https://app.test/v?t=abc">here</a> — merci</p>'
    await harness.mailer.send({ to, subject: 'Links', text: 'Click here', html })
    expect(await harness.delivered(to)).toEqual({ to, subject: 'Links', text: 'Click here', html })
  })

  it('sends several messages at once', async () => {
    const targets = [recipient(), recipient(), recipient()]
    await Promise.all(
      targets.map((to, i) => harness.mailer.send({ to, subject: `n${i}`, text: `body ${i}` })),
    )
    for (const [i, to] of targets.entries()) {
      expect(await harness.delivered(to)).toMatchObject({ subject: `n${i}`, text: `body ${i}` })
    }
  })

  it('refuses to send once closed', async () => {
    const closing = await start()
    await closing.mailer.close()
    const send = closing.mailer.send({ to: recipient(), subject: 's', text: 't' })
    await expect(send).rejects.toThrow(/closed/)
    await closing.stop()
  })
})

describe.each(pgTargets())('OutboxMailer on $name PostgreSQL', (target) => {
  it('passes each stored entry to the log', async () => {
    const logged: OutboxEntry[] = []
    const harness = await startOutbox(target, (entry) => logged.push(entry))
    try {
      const to = recipient()
      await harness.mailer.send({ to, subject: 'Hi', text: 'Hello', html: '<b>Hello</b>' })
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatchObject({ kind: 'mail', recipient: to, subject: 'Hi', body: 'Hello' })
      expect(logged[0]!.html).toBe('<b>Hello</b>')
    } finally {
      await harness.stop()
    }
  })
})

describe('SmtpMailer failures', () => {
  const password = 'pw-Sup3rS3cret'

  it('sends From the configured address and logs in with the given user', async () => {
    const server = await startSmtpServer({ password })
    const mailer = smtp(server.port, { user: 'basalt', password })
    try {
      const to = recipient()
      await mailer.send({ to, subject: 'Hi', text: 'Hello' })
      const mail = await server.inbox.next(to)
      expect(mail.from).toBe('no-reply@basalt.test')
      expect(mail.user).toBe('basalt')
      expect(readHeader(mail.raw, 'from')).toBe('Basalt <no-reply@basalt.test>')
    } finally {
      await mailer.close()
      await server.stop()
    }
  })

  it('names host:port, not the password, when nothing listens there', async () => {
    const port = await unusedPort()
    const mailer = smtp(port, { user: 'basalt', password })
    try {
      const failure = await mailer
        .send({ to: recipient(), subject: 's', text: 't' })
        .catch((e) => e)
      expect(failure).toBeInstanceOf(Error)
      expect(failure.message).toContain(`127.0.0.1:${port}`)
      expect(failure.message).toMatch(/cannot reach/i)
      expect(failure.message).not.toContain(password)
    } finally {
      await mailer.close()
    }
  })

  it('gives up after timeoutMs on a server that never greets', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1')
    await once(silent, 'listening')
    const { port } = silent.address() as AddressInfo
    const mailer = smtp(port, { timeoutMs: 100 })
    try {
      const send = mailer.send({ to: recipient(), subject: 's', text: 't' })
      await expect(send).rejects.toThrow(`Cannot reach SMTP server 127.0.0.1:${port}`)
    } finally {
      await mailer.close()
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it('names host:port, not the password, when the login is refused', async () => {
    const server = await startSmtpServer({ password: 'the-right-one' })
    const mailer = smtp(server.port, { user: 'basalt', password })
    try {
      const failure = await mailer
        .send({ to: recipient(), subject: 's', text: 't' })
        .catch((e) => e)
      expect(failure.message).toContain(`SMTP server 127.0.0.1:${server.port} refused the login`)
      expect(failure.message).toContain('535')
      expect(failure.message).not.toContain(password)
      expect(failure).toMatchObject({ code: 'EAUTH', responseCode: 535 })
    } finally {
      await mailer.close()
      await server.stop()
    }
  })

  it("passes on the server's reason when it refuses a recipient", async () => {
    const server = await startSmtpServer({})
    const mailer = smtp(server.port)
    try {
      const send = mailer.send({ to: 'nobody@refused.test', subject: 's', text: 't' })
      await expect(send).rejects.toThrow(
        new RegExp(`SMTP server 127\\.0\\.0\\.1:${server.port} refused the message.*No such user`),
      )
    } finally {
      await mailer.close()
      await server.stop()
    }
  })

  it('requires a from address', () => {
    expect(() => new SmtpMailer({ host: '127.0.0.1', port: 25, from: '' })).toThrow(/from/)
  })
})

async function startOutbox(target: PgTarget, log?: (entry: OutboxEntry) => void) {
  const testDb = await createTestDatabase(target)
  const db = new PostgresDatabase({ connectionString: testDb.url })
  await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  const store = new OutboxStore(db)
  const mailer = new OutboxMailer(store, { log })
  return {
    mailer,
    async delivered(to: string): Promise<Delivered> {
      const entry = await store.latest('mail', to)
      if (!entry) throw new Error(`nothing in the outbox for ${to}`)
      const html = entry.html === null ? {} : { html: entry.html }
      return { to: entry.recipient, subject: entry.subject ?? '', text: entry.body, ...html }
    },
    async stop() {
      await mailer.close()
      await db.close()
      await testDb.drop()
    },
  }
}

async function startSmtp(): Promise<Harness> {
  const server = await startSmtpServer({})
  const mailer = smtp(server.port)
  return {
    mailer,
    delivered: async (to) => parseMail(await server.inbox.next(to)),
    async stop() {
      await mailer.close()
      await server.stop()
    },
  }
}

function smtp(port: number, extra: Partial<SmtpOptions> = {}): SmtpMailer {
  return new SmtpMailer({
    host: '127.0.0.1',
    port,
    from: 'Basalt <no-reply@basalt.test>',
    ...extra,
  })
}

// ---- a real SMTP server on a loopback port ----

interface ReceivedMail {
  from: string
  rcptTo: string[]
  user: string | undefined
  raw: string
}

/** Messages the server received, and a wait for the next one to a recipient. */
class Inbox {
  readonly #mails: ReceivedMail[] = []
  readonly #events = new EventEmitter()

  add(mail: ReceivedMail): void {
    this.#mails.push(mail)
    this.#events.emit('mail')
  }

  async next(to: string): Promise<ReceivedMail> {
    for (;;) {
      const found = this.#mails.find((mail) => mail.rcptTo.includes(to))
      if (found) return found
      await once(this.#events, 'mail')
    }
  }
}

async function startSmtpServer(auth: { password?: string }) {
  const inbox = new Inbox()
  const options: SMTPServerOptions = {
    authOptional: true,
    allowInsecureAuth: true, // loopback only; STARTTLS off: its certificate is self-signed
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(credentials, _session, done) {
      if (credentials.password === auth.password) done(null, { user: credentials.username })
      else done(new Error('Invalid username or password'))
    },
    onRcptTo(address, _session, done) {
      done(address.address.endsWith('@refused.test') ? new Error('No such user here') : null)
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        inbox.add({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((address) => address.address),
          user: session.user,
          raw: Buffer.concat(chunks).toString('latin1'),
        })
        done()
      })
    },
  }
  const server = new SMTPServer(options)
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  return {
    inbox,
    port: (server.server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function unusedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  probe.close()
  await once(probe, 'close')
  return port
}

// ---- just enough MIME to read what nodemailer wrote ----

function parseMail(mail: ReceivedMail): Delivered {
  const parts = leafParts(mail.raw)
  const text = parts.find((part) => part.type === 'text/plain')
  const html = parts.find((part) => part.type === 'text/html')
  return {
    to: readHeader(mail.raw, 'to') ?? '',
    subject: readHeader(mail.raw, 'subject') ?? '',
    text: text?.body ?? '',
    ...(html ? { html: html.body } : {}),
  }
}

function splitEntity(raw: string): { head: string; body: string } {
  const end = raw.indexOf('\r\n\r\n')
  return { head: raw.slice(0, end), body: raw.slice(end + 4) }
}

function readHeader(raw: string, name: string): string | undefined {
  const unfolded = splitEntity(raw).head.replace(/\r\n(?=[ \t])/g, '')
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`))
  return line === undefined ? undefined : decodeWords(line.slice(name.length + 1).trim())
}

function leafParts(raw: string): { type: string; body: string }[] {
  const contentType = readHeader(raw, 'content-type') ?? 'text/plain'
  const { body } = splitEntity(raw)
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (contentType.startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1, -1)
    return sections.flatMap((section) => leafParts(section.replace(/^\r\n/, '')))
  }
  const encoding = (readHeader(raw, 'content-transfer-encoding') ?? '7bit').toLowerCase()
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return [{ type, body: decodeBody(body.replace(/\r\n$/, ''), encoding).replace(/\r\n/g, '\n') }]
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8')
  if (encoding !== 'quoted-printable') return Buffer.from(body, 'latin1').toString('utf8')
  return Buffer.from(unescapeHex(body.replace(/=\r\n/g, '')), 'latin1').toString('utf8')
}

// RFC 2047 words; the bytes of adjacent words are joined first, as a character may span two.
function decodeWords(value: string): string {
  const WORD = /=\?utf-8\?([bq])\?([^?]*)\?=/gi
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=)+/gi, (run) => {
    const bytes = [...run.matchAll(WORD)].map(([, kind, text]) =>
      kind!.toLowerCase() === 'b'
        ? Buffer.from(text!, 'base64')
        : Buffer.from(unescapeHex(text!.replace(/_/g, ' ')), 'latin1'),
    )
    return Buffer.concat(bytes).toString('utf8')
  })
}

function unescapeHex(text: string): string {
  return text.replace(/=([0-9a-f]{2})/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  )
}
