import { once } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AltogicClient, ClientStorage, Fetcher } from '../src/index.js'

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** A scripted answer; `destroy` closes the socket without answering. */
export type Reply =
  { status?: number; reason?: string; headers?: Record<string, string>; body?: string } | 'destroy'

/** A real HTTP server on 127.0.0.1 that records requests and answers from a script. */
export interface CaptureServer {
  url: string
  requests: RecordedRequest[]
  /** Queues answers for the next requests; unscripted requests get 200 `{}`. */
  reply(...replies: Reply[]): void
  last(): RecordedRequest
  close(): Promise<void>
}

/** A JSON answer. */
export function json(status: number, value: unknown, reason?: string): Reply {
  return { status, reason, body: JSON.stringify(value) }
}

function answer(res: ServerResponse, reply: Exclude<Reply, 'destroy'>): void {
  const headers = { 'content-type': 'application/json', ...reply.headers }
  const status = reply.status ?? 200
  if (reply.reason === undefined) res.writeHead(status, headers)
  else res.writeHead(status, reply.reason, headers)
  res.end(reply.body ?? '')
}

/** Starts a capture server on a free port. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: RecordedRequest[] = []
  const script: Reply[] = []
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    }
    requests.push(recorded)
    const reply = script.shift() ?? json(200, {})
    if (reply === 'destroy') req.socket.destroy()
    else answer(res, reply)
  }
  const server = createServer((req, res) => void handle(req, res))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => script.push(...replies),
    last: () => requests[requests.length - 1]!,
    close: async () => {
      const closed = once(server, 'close')
      server.close()
      server.closeAllConnections()
      await closed
    },
  }
}

/** An in-memory ClientStorage, with its entries open to inspection. */
export function memoryStorage(entries: Record<string, string> = {}): ClientStorage & {
  entries: Map<string, string>
} {
  const map = new Map(Object.entries(entries))
  return {
    entries: map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

/** The client's transport (a protected field at the type level only). */
export function fetcherOf(client: AltogicClient): Fetcher {
  return (client.auth as unknown as { fetcher: Fetcher }).fetcher
}

/** A session object with the given token. */
export function sessionWith(token: string) {
  return {
    userId: 'u1',
    token,
    creationDtm: '2024-01-01T00:00:00.000Z',
    accessGroupKeys: [],
    userAgent: {
      family: 'Other',
      major: '0',
      minor: '0',
      patch: '0',
      device: { family: 'Other', major: '0', minor: '0', patch: '0' },
      os: { family: 'Other', major: '0', minor: '0', patch: '0' },
    },
  }
}
