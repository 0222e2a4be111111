import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CONSOLE_PATH } from '@basalt/protocol'
import { fail } from '../../../tools/errors.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

// The console talks to its own origin only; files and previews come as blob: URLs.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** One built file, kept in memory with its gzipped form. */
interface ConsoleFile {
  body: Buffer
  gzipped: Buffer | undefined
  type: string
}

/**
 * Serves the built admin console from memory at /_console/ (the folder is read once, at start):
 * index.html revalidated on every load, hashed assets cached for a year, gzip when accepted.
 * Without a built console, /_console answers 404 saying how to build it.
 */
export function serveConsole(app: FastifyInstance, consoleDir: string | undefined): void {
  const files = consoleDir ? readConsole(consoleDir) : new Map<string, ConsoleFile>()
  app.get(CONSOLE_PATH, (_request, reply) => reply.redirect(`${CONSOLE_PATH}/`, 301))
  app.get(`${CONSOLE_PATH}/*`, (request, reply) => {
    const path = (request.params as { '*': string })['*'] || 'index.html'
    const file = files.get(path) ?? (path.includes('.') ? undefined : files.get('index.html'))
    if (!file) {
      const built = files.has('index.html')
      throw fail(
        'resource_not_found',
        built ? undefined : 'The admin console is not built: run `npm run build`.',
      )
    }
    return sendFile(request, reply, file, path.startsWith('assets/'))
  })
}

function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: ConsoleFile,
  immutable: boolean,
): FastifyReply {
  reply
    .header('content-type', file.type)
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('vary', 'accept-encoding')
  if (file.type.startsWith('text/html')) {
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
  }
  const accepts = String(request.headers['accept-encoding'] ?? '')
  if (file.gzipped && /\bgzip\b/.test(accepts)) {
    return reply.header('content-encoding', 'gzip').send(file.gzipped)
  }
  return reply.send(file.body)
}

/** Every file under the folder by its path relative to it ('assets/index-abc.js'). */
function readConsole(dir: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>()
  if (!existsSync(dir)) return files
  for (const path of walk(dir)) {
    const body = readFileSync(path)
    const type = TYPES[extname(path)] ?? 'application/octet-stream'
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024
    const key = relative(dir, path).split('\\').join('/')
    files.set(key, { body, type, gzipped: compressible ? gzipSync(body, { level: 9 }) : undefined })
  }
  return files
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* walk(path)
    else yield path
  }
}
