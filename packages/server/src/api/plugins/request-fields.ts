import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { KeyRecord } from '../../core/keys/key-types.js'
import type { RequestSession } from '../../core/sessions/session-resolver.js'

/** What Basalt's hooks learn about a request (see request-context.ts). */
interface RequestFields {
  clientKey: KeyRecord | null
  apiKey: KeyRecord | null
  session: RequestSession | null
}

const FIELDS = Symbol('basalt.requestFields')

type WithFields = FastifyRequest & { [FIELDS]?: RequestFields }

/**
 * Declares `request.clientKey`, `apiKey` and `session` as accessors of the request
 * prototype, kept together in one object made when a request sets the first of them. Fastify
 * copies value decorations onto every request in a loop of keyed stores (about 1,000
 * instructions per request for four such fields, in callgrind); most requests of app endpoints set
 * none of them.
 */
export function registerRequestFields(app: FastifyInstance): void {
  app.decorateRequest('clientKey', {
    getter(this: FastifyRequest) {
      return read(this).clientKey
    },
    setter(this: FastifyRequest, value: KeyRecord | null) {
      write(this).clientKey = value
    },
  })
  app.decorateRequest('apiKey', {
    getter(this: FastifyRequest) {
      return read(this).apiKey
    },
    setter(this: FastifyRequest, value: KeyRecord | null) {
      write(this).apiKey = value
    },
  })
  app.decorateRequest('session', {
    getter(this: FastifyRequest) {
      return read(this).session
    },
    setter(this: FastifyRequest, value: RequestSession | null) {
      write(this).session = value
    },
  })
}

const EMPTY: Readonly<RequestFields> = Object.freeze({
  clientKey: null,
  apiKey: null,
  session: null,
})

function read(request: FastifyRequest): Readonly<RequestFields> {
  return (request as WithFields)[FIELDS] ?? EMPTY
}

function write(request: FastifyRequest): RequestFields {
  return ((request as WithFields)[FIELDS] ??= { ...EMPTY })
}
