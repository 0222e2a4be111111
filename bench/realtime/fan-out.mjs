// The load side of the realtime benchmark: N sockets join one channel, one of them sends
// messages at a steady rate, and every delivery's latency is recorded.
import { io } from 'socket.io-client'

/** Connects `count` sockets (a few at a time) that all join `channel`. */
export async function connectMembers(url, auth, count, channel) {
  const sockets = []
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => connectOne(url, auth))
    sockets.push(...(await Promise.all(batch)))
  }
  for (const socket of sockets) socket.emit('join', { channel })
  await roundTrip(sockets[sockets.length - 1], channel) // joins are processed in order
  return sockets
}

function connectOne(url, auth) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth, reconnection: false })
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => reject(new Error(`connect: ${error.message}`)))
  })
}

/** Waits until a probe sent by `socket` to the channel comes back to it. */
function roundTrip(socket, channel) {
  return new Promise((resolve) => {
    socket.once('bench:probe', () => resolve())
    socket.emit('message', { channel, eventName: 'bench:probe', message: {}, echo: true })
  })
}

/**
 * Sends `messages` messages, one every `intervalMs`, from the first socket and waits for every
 * delivery to every member (or `timeoutMs`). Answers deliveries per second and latencies.
 */
export async function measureFanOut(sockets, channel, { messages, intervalMs, timeoutMs }) {
  const expected = messages * sockets.length
  const latencies = []
  let first = 0
  let last = 0
  const done = new Promise((resolve) => {
    for (const socket of sockets) {
      socket.on('bench:tick', ({ message }) => {
        last = performance.now()
        latencies.push(last - message.sentAt)
        if (latencies.length === expected) resolve()
      })
    }
  })
  first = performance.now()
  for (let i = 0; i < messages; i++) {
    const message = { sentAt: performance.now(), i }
    sockets[0].emit('message', { channel, eventName: 'bench:tick', message, echo: true })
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))])
  for (const socket of sockets) socket.off('bench:tick')
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return {
    delivered: latencies.length,
    expected,
    perSecond: latencies.length / ((last - first) / 1000),
    p50: at(0.5),
    p99: at(0.99),
  }
}
