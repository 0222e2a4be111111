import { randomInt } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HEADERS } from '@basalt/protocol'

const REQUEST_ID_PATTERN = /^[\w.:-]{1,64}$/
// Ids stay under 13 characters: V8 builds a shorter concatenation as a flat string, a longer one
// as a rope that Node's header check must flatten first (about 1,000 more instructions per
// request in callgrind). So: 6 random base-36 characters, a dash, and a counter of at most 5
// (up to 36^5 - 1); past it, a new prefix.
const PREFIX_SPACE = 36 ** 6
const COUNTER_LIMIT = 36 ** 5 - 1

/**
 * Fastify's `genReqId`: the caller's `x-request-id` when it is a sane one, else a new id, unique
 * across processes in practice: a random prefix of this process (31 bits) and a counter
 * (`k3x9q0-1z`). A UUID per request costs more than the rest of a small request's id handling.
 * `counterLimit` (tests) is where a new prefix is drawn.
 */
export function requestIdGenerator(
  counterLimit = COUNTER_LIMIT,
): (request: IncomingMessage) => string {
  let prefix = newPrefix()
  let counter = 0
  return (request) => {
    const given = request.headers[HEADERS.requestId]
    if (typeof given === 'string' && REQUEST_ID_PATTERN.test(given)) return given
    if (++counter > counterLimit) {
      prefix = newPrefix()
      counter = 1
    }
    return prefix + counter.toString(36)
  }
}

function newPrefix(): string {
  return randomInt(PREFIX_SPACE).toString(36).padStart(6, '0') + '-'
}
