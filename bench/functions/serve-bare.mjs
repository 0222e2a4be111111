// The baseline: bare Fastify (no logger, no hooks), with the fastify package Basalt runs on,
// serving GET /hello with the handler Basalt loads from the app folder (the same source, saved
// as .mjs). Started by run.mjs over IPC; answers { url } once listening on 127.0.0.1.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BARE_HANDLER_FILE } from './app.mjs'

const require = createRequire(import.meta.resolve('@basalt/server'))
const Fastify = require('fastify')

const { appDir } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const { hello } = await import(pathToFileURL(join(appDir, BARE_HANDLER_FILE)).href)
const app = Fastify({ logger: false })
app.get('/hello', async () => hello())

const url = await app.listen({ host: '127.0.0.1', port: 0 })
process.send({ url })

let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 10_000).unref()
    await app.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
