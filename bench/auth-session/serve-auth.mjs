// One Basalt server for the auth benchmark, started by run.mjs over IPC. It signs up a user,
// adds a probe route in the `auth` module (session optional, no database work), and answers
// { url, clientKey, sessionToken, email, password } once listening on 127.0.0.1. On the message
// 'argon2' it measures raw argon2id verifications per second in this process (the baseline of
// sign-in). It closes on SIGTERM, SIGINT or when the parent goes away.
import { hash, verify } from '@node-rs/argon2'
import { DEFAULT_CONFIG, createServer, parseServerConfig } from '@basalt/server'

const { dataDir, databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const generous = { max: 1_000_000, windowSeconds: 60 }
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel: 'warn',
  dataDir,
  ...(databaseUrl ? { databaseUrl } : {}),
  // The benchmark signs in far faster than any person: lift the abuse budgets.
  app: { auth: { limits: { signInByIp: generous, signInByAccount: generous } } },
})
const server = await createServer(config)
server.app.get('/_api/rest/v1/bench/probe', { config: { module: 'auth' } }, async (request) => ({
  user: request.session?.userId ?? null,
}))
const url = await server.listen()
const clientKey = server.developmentKey?.secret
const email = `bench-${process.pid}@bench.test`
const password = 'bench-password-1'
const up = await fetch(`${url}/_api/rest/v1/auth/signup-email`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-client-key': clientKey },
  body: JSON.stringify({ email, password }),
}).then((res) => res.json())
process.send({ url, clientKey, sessionToken: up.session.token, email, password })

process.on('message', async (message) => {
  if (message?.type !== 'argon2') return
  process.send({
    type: 'argon2',
    perSecond: await argon2Rate(message.seconds, message.concurrency),
  })
})

/** argon2id verifications per second with `concurrency` in flight, as sign-in runs them. */
async function argon2Rate(seconds, concurrency) {
  const stored = await hash(password)
  const until = Date.now() + seconds * 1000
  let done = 0
  const worker = async () => {
    while (Date.now() < until) {
      await verify(stored, password)
      done += 1
    }
  }
  const started = Date.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return done / ((Date.now() - started) / 1000)
}

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
