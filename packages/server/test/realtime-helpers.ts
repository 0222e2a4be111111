import { io } from 'socket.io-client'
import type { Socket } from 'socket.io-client'

/** Every event a test socket received, in order. */
export interface Recorded {
  socket: Socket
  events: [string, unknown][]
}

/** A socket.io-client socket with the handshake auth of the published client; resolves once connected. */
export function connect(url: string, auth: Record<string, unknown>): Promise<Recorded> {
  const socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true })
  const recorded: Recorded = { socket, events: [] }
  socket.onAny((event: string, payload: unknown) => recorded.events.push([event, payload]))
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorded))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}

/** Waits until a socket has received an event matching `match`; answers its payload. */
export async function waitForEvent(
  recorded: Recorded,
  name: string,
  match: (payload: unknown) => boolean = () => true,
  ms = 3000,
): Promise<unknown> {
  const deadline = Date.now() + ms
  for (;;) {
    const hit = recorded.events.find(([event, payload]) => event === name && match(payload))
    if (hit) return hit[1]
    if (Date.now() > deadline) {
      throw new Error(`no '${name}' event in ${ms} ms; got ${JSON.stringify(recorded.events)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The names of the events a socket received. */
export function names(recorded: Recorded): string[] {
  return recorded.events.map(([event]) => event)
}
