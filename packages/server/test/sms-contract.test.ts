import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import type { OutboxEntry } from '../src/adapters/outbox/outbox-store.js'
import { OutboxStore } from '../src/adapters/outbox/outbox-store.js'
import { MessageBirdSmsSender } from '../src/adapters/sms/messagebird/messagebird-sms-sender.js'
import { OutboxSmsSender } from '../src/adapters/sms/outbox/outbox-sms-sender.js'
import { SmsProviderError } from '../src/adapters/sms/provider-request.js'
import type { SmsMessage, SmsSender } from '../src/adapters/sms/sms-sender.js'
import { TwilioSmsSender } from '../src/adapters/sms/twilio/twilio-sms-sender.js'
import { VonageSmsSender } from '../src/adapters/sms/vonage/vonage-sms-sender.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { PgTarget } from '../../../test-support/databases.js'

// ---- a loopback HTTP server that plays a provider ----

interface Answer {
  status: number
  body: unknown
}

interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** Records every request, answers the queued answers in turn, else the success answer. */
class FakeProvider {
  readonly requests: RecordedRequest[] = []
  readonly #queued: (Answer | 'hang')[] = []
  readonly #server: Server
  url = ''

  constructor(readonly success: Answer) {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const { method = '', url = '', headers } = request
        this.requests.push({ method, path: url, headers, body: Buffer.concat(chunks).toString() })
        const answer = this.#queued.shift() ?? this.success
        if (answer === 'hang') return
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(text)
      })
    })
  }

  /** Answers the next request with `answer`, or never when 'hang'. */
  queue(answer: Answer | 'hang'): void {
    this.#queued.push(answer)
  }

  last(): RecordedRequest {
    return this.requests.at(-1)!
  }

  async start(): Promise<this> {
    this.#server.listen(0, '127.0.0.1')
    await once(this.#server, 'listening')
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections()
    this.#server.close()
    await once(this.#server, 'close')
  }
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body))

// ---- the three providers, as the fake plays them ----

interface Provider {
  name: string
  success: Answer
  make(baseUrl: string, timeoutMs?: number): SmsSender
  /** The message a request asked to send, in the contract's terms. */
  read(request: RecordedRequest): SmsMessage
  /** How the provider answers when it refuses a message. */
  refusal(message: string): Answer
  secrets: string[]
}

const twilio: Provider = {
  name: 'Twilio',
  success: { status: 201, body: { sid: 'SM1', status: 'queued' } },
  make: (baseUrl, timeoutMs) =>
    new TwilioSmsSender({
      accountSid: 'AC0123456789',
      authToken: 'twilio-token-s3cret',
      from: '+15550001111',
      baseUrl,
      timeoutMs,
    }),
  read: (request) => ({ to: form(request.body).To!, body: form(request.body).Body! }),
  refusal: (message) => ({
    status: 400,
    body: { code: 21211, message, more_info: 'https://www.twilio.com/docs/errors/21211' },
  }),
  secrets: ['twilio-token-s3cret'],
}

const vonage: Provider = {
  name: 'Vonage',
  success: { status: 200, body: { 'message-count': '1', messages: [{ status: '0' }] } },
  make: (baseUrl, timeoutMs) =>
    new VonageSmsSender({
      apiKey: 'vonage-key',
      apiSecret: 'vonage-secret-s3cret',
      from: 'Basalt',
      baseUrl,
      timeoutMs,
    }),
  read: (request) => ({ to: `+${form(request.body).to}`, body: form(request.body).text! }),
  refusal: (message) => ({
    status: 200,
    body: { 'message-count': '1', messages: [{ status: '4', 'error-text': message }] },
  }),
  secrets: ['vonage-secret-s3cret'],
}

const messageBird: Provider = {
  name: 'MessageBird',
  success: { status: 201, body: { id: 'mb1', recipients: { totalCount: 1 } } },
  make: (baseUrl, timeoutMs) =>
    new MessageBirdSmsSender({
      accessKey: 'mb-access-s3cret',
      from: 'Basalt',
      baseUrl,
      timeoutMs,
    }),
  read: (request) => {
    const json = JSON.parse(request.body) as { recipients: string[]; body: string }
    return { to: json.recipients[0]!, body: json.body }
  },
  refusal: (message) => ({
    status: 422,
    body: { errors: [{ code: 9, description: message, parameter: 'recipient' }] },
  }),
  secrets: ['mb-access-s3cret'],
}

const providers = [twilio, vonage, messageBird]

// ---- one contract for every SmsSender ----

interface Harness {
  sender: SmsSender
  /** The last message delivered to `to`. */
  delivered(to: string): Promise<SmsMessage>
  stop(): Promise<void>
}

async function startProvider(provider: Provider): Promise<Harness> {
  const fake = await new FakeProvider(provider.success).start()
  return {
    sender: provider.make(fake.url),
    delivered: async (to) => {
      const sent = fake.requests.map(provider.read).filter((message) => message.to === to)
      if (sent.length === 0) throw new Error(`no request for ${to}`)
      return sent.at(-1)!
    },
    stop: () => fake.stop(),
  }
}

async function startOutbox(target: PgTarget, log?: (entry: OutboxEntry) => void) {
  const testDb = await createTestDatabase(target)
  const db = new PostgresDatabase({ connectionString: testDb.url })
  await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  const store = new OutboxStore(db)
  return {
    sender: new OutboxSmsSender(store, { log }),
    async delivered(to: string): Promise<SmsMessage> {
      const entry = await store.latest('sms', to)
      if (!entry) throw new Error(`nothing in the outbox for ${to}`)
      expect(entry.subject).toBeNull()
      return { to: entry.recipient, body: entry.body }
    },
    async stop() {
      await db.close()
      await testDb.drop()
    },
  }
}

const implementations: { name: string; start: () => Promise<Harness> }[] = [
  ...pgTargets().map((target) => ({
    name: `outbox on ${target.name} PostgreSQL`,
    start: () => startOutbox(target),
  })),
  ...providers.map((provider) => ({ name: provider.name, start: () => startProvider(provider) })),
]

let counter = 0
const number = () => `+1555${String(1_000_000 + counter++).slice(1)}`

describe.each(implementations)('SmsSender contract: $name', ({ start }) => {
  let harness: Harness
  beforeAll(async () => {
    harness = await start()
  })
  afterAll(() => harness.stop())

  it('delivers the recipient and the body', async () => {
    const to = number()
    await harness.sender.send({ to, body: 'Your code is 123456' })
    expect(await harness.delivered(to)).toEqual({ to, body: 'Your code is 123456' })
  })

  it('keeps a unicode body intact', async () => {
    const to = number()
    const body = 'Code : 123456 ✓ 你好 👋'
    await harness.sender.send({ to, body })
    expect(await harness.delivered(to)).toEqual({ to, body })
  })

  it('sends several messages at once', async () => {
    const targets = [number(), number(), number()]
    await Promise.all(targets.map((to, i) => harness.sender.send({ to, body: `code ${i}` })))
    for (const [i, to] of targets.entries()) {
      expect(await harness.delivered(to)).toEqual({ to, body: `code ${i}` })
    }
  })
})

describe.each(pgTargets())('OutboxSmsSender on $name PostgreSQL', (target) => {
  it('passes each stored entry to the log', async () => {
    const logged: OutboxEntry[] = []
    const harness = await startOutbox(target, (entry) => logged.push(entry))
    try {
      await harness.sender.send({ to: '+15557654321', body: 'code 42' })
      expect(logged).toEqual([
        expect.objectContaining({ kind: 'sms', recipient: '+15557654321', body: 'code 42' }),
      ])
      expect(logged[0]).toMatchObject({ subject: null, html: null })
    } finally {
      await harness.stop()
    }
  })
})

// ---- what each provider receives, and how its refusals read ----

describe('provider requests on the wire', () => {
  let fake: FakeProvider
  const use = async (provider: Provider) => {
    fake = await new FakeProvider(provider.success).start()
    return provider.make(fake.url)
  }
  afterEach(() => fake.stop())

  it('Twilio: form POST to the account Messages.json with Basic auth', async () => {
    const sender = await use(twilio)
    await sender.send({ to: '+15551234567', body: 'Code 1 & more' })
    const request = fake.last()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/2010-04-01/Accounts/AC0123456789/Messages.json')
    const basic = Buffer.from('AC0123456789:twilio-token-s3cret').toString('base64')
    expect(request.headers.authorization).toBe(`Basic ${basic}`)
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(form(request.body)).toEqual({
      To: '+15551234567',
      From: '+15550001111',
      Body: 'Code 1 & more',
    })
  })

  it('accepts a base URL with a trailing slash', async () => {
    await use(twilio)
    await twilio.make(`${fake.url}/`).send({ to: '+15551234567', body: 'x' })
    expect(fake.last().path).toBe('/2010-04-01/Accounts/AC0123456789/Messages.json')
  })

  it("Twilio: a 400 rejects with Twilio's message and code, not the token", async () => {
    const sender = await use(twilio)
    fake.queue(twilio.refusal("The 'To' number +1555 is not a valid phone number."))
    const failure = await sender.send({ to: '+1555', body: 'x' }).catch((e) => e)
    expect(failure.message).toBe(
      "Twilio refused the message (HTTP 400): The 'To' number +1555 is not a valid phone " +
        'number. (code 21211)',
    )
    expect(failure).toMatchObject({ provider: 'Twilio', status: 400 })
    expect(failure.message).not.toContain('twilio-token-s3cret')
  })

  it('Vonage: form POST to /sms/json with the key, the secret and the number without +', async () => {
    const sender = await use(vonage)
    await sender.send({ to: '+447700900000', body: 'Code 2, café à 5€' })
    const request = fake.last()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/sms/json')
    expect(request.headers.authorization).toBeUndefined()
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(form(request.body)).toEqual({
      api_key: 'vonage-key',
      api_secret: 'vonage-secret-s3cret',
      from: 'Basalt',
      to: '447700900000',
      text: 'Code 2, café à 5€',
    })
    await sender.send({ to: '+447700900000', body: 'Код 3' })
    expect(form(fake.last().body)).toMatchObject({ text: 'Код 3', type: 'unicode' })
  })

  it("Vonage: a 200 with status '4' rejects with error-text, not the secret", async () => {
    const sender = await use(vonage)
    fake.queue(vonage.refusal('Bad Credentials'))
    const failure = await sender.send({ to: '+447700900000', body: 'x' }).catch((e) => e)
    expect(failure.message).toBe(
      'Vonage refused the message (HTTP 200): Bad Credentials (status 4)',
    )
    expect(failure.message).not.toContain('vonage-secret-s3cret')
    fake.queue({ status: 200, body: { 'message-count': '0', messages: [] } })
    await expect(sender.send({ to: '+447700900000', body: 'x' })).rejects.toThrow(
      'the answer lists no message',
    )
    fake.queue({ status: 500, body: '<html>oops</html>' })
    await expect(sender.send({ to: '+447700900000', body: 'x' })).rejects.toThrow(
      /^Vonage refused the message \(HTTP 500\)$/,
    )
  })

  it('MessageBird: JSON POST to /messages with an AccessKey header', async () => {
    const sender = await use(messageBird)
    await sender.send({ to: '+31612345678', body: 'Code 3' })
    const request = fake.last()
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/messages')
    expect(request.headers.authorization).toBe('AccessKey mb-access-s3cret')
    expect(request.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request.body)).toEqual({
      originator: 'Basalt',
      recipients: ['+31612345678'],
      body: 'Code 3',
      datacoding: 'auto',
    })
  })

  it('MessageBird: a 422 rejects with errors[0].description, not the key', async () => {
    const sender = await use(messageBird)
    fake.queue(messageBird.refusal('no (correct) recipients found'))
    const failure = await sender.send({ to: '+31612345678', body: 'x' }).catch((e) => e)
    expect(failure.message).toBe(
      'MessageBird refused the message (HTTP 422): no (correct) recipients found',
    )
    expect(failure.message).not.toContain('mb-access-s3cret')
    fake.queue({ status: 200, body: {} })
    await expect(sender.send({ to: '+31612345678', body: 'x' })).rejects.toThrow('HTTP 200')
  })

  it('removes a credential the provider echoes in its message', async () => {
    const sender = await use(messageBird)
    fake.queue(messageBird.refusal('access key mb-access-s3cret is not allowed'))
    const failure = await sender.send({ to: '+31612345678', body: 'x' }).catch((e) => e)
    expect(failure.message).toContain('access key [redacted] is not allowed')
  })
})

describe.each(providers)('$name when the provider refuses, is silent or absent', (provider) => {
  it("rejects with the provider's name and words, never the credentials", async () => {
    const fake = await new FakeProvider(provider.success).start()
    try {
      fake.queue(provider.refusal('Invalid destination number'))
      const failure = await provider
        .make(fake.url)
        .send({ to: '+15551234567', body: 'x' })
        .catch((e) => e)
      expect(failure).toBeInstanceOf(SmsProviderError)
      expect(failure.message).toMatch(new RegExp(`^${provider.name} refused the message \\(HTTP`))
      expect(failure.message).toContain('Invalid destination number')
      for (const secret of provider.secrets) expect(failure.message).not.toContain(secret)
    } finally {
      await fake.stop()
    }
  })

  it('rejects once timeoutMs has passed without an answer', async () => {
    const fake = await new FakeProvider(provider.success).start()
    try {
      fake.queue('hang')
      const sender = provider.make(fake.url, 100)
      await expect(sender.send({ to: '+15551234567', body: 'x' })).rejects.toThrow(
        `${provider.name} did not answer within 100 ms`,
      )
    } finally {
      await fake.stop()
    }
  })

  it('rejects naming the provider when nothing listens', async () => {
    const fake = await new FakeProvider(provider.success).start()
    await fake.stop() // the port is free again: connections are refused
    const failure = await provider
      .make(`${fake.url}/`)
      .send({ to: '+15551234567', body: 'x' })
      .catch((e) => e)
    expect(failure.message).toBe(`${provider.name} could not be reached (ECONNREFUSED)`)
    expect(failure.cause).toBeUndefined()
  })
})
