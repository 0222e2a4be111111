import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HEADERS } from '@basalt/protocol'

const REQUEST_ID_PATTERN = /^[\w.:-]{1,64}$/
// Past it the counter would leave V8's small integers (and slow down): a new prefix then.
const MAX_COUNTER = 2 ** 31 - 1

/**
 * Fastify's `genReqId`: the caller's `x-request-id` when it is a sane one, else a new id, unique
 * across processes: a random prefix of this process and a counter (`5f0c9e2a41d7-1z`). A UUID
 * per request costs more than the rest of a small request's id handling.
 */
export function requestIdGenerator(): (request: IncomingMessage) => string {
  let prefix = newPrefix()
  let counter = 0
  return (request) => {
    const given = request.headers[HEADERS.requestId]
    if (typeof given === 'string' && REQUEST_ID_PATTERN.test(given)) return given
    if (++counter > MAX_COUNTER) {
      prefix = newPrefix()
      counter = 1
    }
    return prefix + counter.toString(36)
  }
}

function newPrefix(): string {
  return randomBytes(6).toString('hex') + '-'
}
