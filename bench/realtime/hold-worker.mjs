// One load process of hold.mjs: opens its share of the sockets (socket.io-client, WebSocket only,
// a bounded number of handshakes and joins pending at once), makes each join its channel, and
// counts what the sockets receive. Driven over IPC by hold.mjs; exits when told to, or when its
// parent goes.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { io } from 'socket.io-client'

// Socket number `offset + i` (i from 0) joins channel `(offset + i) % channels`, and socket number
// c < channels is the one that sends channel c's broadcast.
const { url, auth, count, offset, channels, pending, connectTimeoutMs, memberEvents } = JSON.parse(
  process.env.BENCH_HOLD_OPTIONS,
)
const channelOf = (n) => (channels === 1 ? 'bench' : `bench-${n % channels}`)
const now = () => performance.timeOrigin + performance.now()

const sockets = []
const channelBySocket = new Map()
const senders = [] // [socket, channel] of the broadcasts this process sends
const failures = new Map() // connect_error message -> count
const disconnectReasons = new Map()
let attempted = 0
let failed = 0
let joined = 0 // sockets whose own channel:join came back (servers that send member events)
let memberEventCount = 0
let received = 0 // deliveries of the broadcast
let lastReceivedAt = 0
let disconnects = 0
// Since the last 'progress': the slowest join round trip (join sent -> own channel:join back,
// i.e. how far behind the server is) and this process's longest event-loop stall.
let joinRoundTripMax = 0
const loopDelay = monitorEventLoopDelay({ resolution: 20 })
loopDelay.enable()

const tally = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)
const send = (message) => process.connected && process.send(message)

function connectOne(n) {
  const channel = channelOf(n)
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      auth,
      reconnection: false,
      forceNew: true,
      timeout: connectTimeoutMs,
    })
    let isMember = false
    let joinSentAt = 0
    socket.on('channel:join', ({ message }) => {
      memberEventCount++
      if (!isMember && message?.id === socket.id) {
        isMember = true
        joined++
        joinRoundTripMax = Math.max(joinRoundTripMax, performance.now() - joinSentAt)
        resolve()
      }
    })
    socket.on('bench:broadcast', () => {
      received++
      lastReceivedAt = now()
    })
    socket.once('connect', () => {
      sockets.push(socket)
      channelBySocket.set(socket, channel)
      if (n < channels) senders.push([socket, channel])
      joinSentAt = performance.now()
      socket.emit('join', { channel })
      socket.on('disconnect', (reason) => {
        disconnects++
        tally(disconnectReasons, reason)
        resolve()
      })
      // Where the server confirms joins (Basalt's own channel:join), the lane waits for it: at
      // most `pending` joins wait in the server, not every socket that has connected. The bare
      // server confirms nothing and its join costs nothing: the lane goes on at once.
      if (!memberEvents) resolve()
    })
    socket.once('connect_error', (error) => {
      failed++
      tally(failures, error.message)
      socket.close()
      resolve()
    })
  })
}

async function lane() {
  while (attempted < count) {
    await connectOne(offset + attempted++)
  }
}

/** The last socket's probe round trip: its own and (in practice) this process's joins are done. */
function probe() {
  const socket = sockets[sockets.length - 1]
  if (!socket) return Promise.resolve()
  return new Promise((resolve) => {
    socket.once('bench:probe', () => resolve())
    socket.emit('message', {
      channel: channelBySocket.get(socket),
      eventName: 'bench:probe',
      message: {},
      echo: true,
    })
  })
}

async function waitUntil(check) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50))
}

function stats() {
  return {
    type: 'stats',
    attempted,
    connected: sockets.length,
    failed,
    joined,
    memberEvents: memberEventCount,
    received,
    lastReceivedAt,
    disconnects,
    connectedNow: sockets.filter((socket) => socket.connected).length,
    failures: Object.fromEntries(failures),
    disconnectReasons: Object.fromEntries(disconnectReasons),
  }
}

process.on('message', async (command) => {
  if (command.type === 'open') {
    const lanes = Math.max(1, Math.min(pending, count))
    await Promise.all(Array.from({ length: lanes }, lane))
    // Basalt answers each join with a channel:join to the channel, the joiner included
    // (echoMessages); the bare server says nothing, so a probe round trip stands in for it.
    if (memberEvents) await waitUntil(() => joined + disconnects >= sockets.length)
    else await probe()
    send({ ...stats(), type: 'ready' })
  } else if (command.type === 'halt') {
    attempted = Math.max(attempted, count) // the lanes stop after their pending handshake
  } else if (command.type === 'stats') {
    send(stats())
  } else if (command.type === 'progress') {
    send({
      ...stats(),
      type: 'progress',
      joinRoundTripMaxMs: joinRoundTripMax,
      loopDelayMaxMs: loopDelay.max / 1e6,
    })
    joinRoundTripMax = 0
    loopDelay.reset()
  } else if (command.type === 'broadcast') {
    const sentAt = now()
    for (const [socket, channel] of senders) {
      socket.emit('message', { channel, eventName: 'bench:broadcast', message: {}, echo: true })
    }
    send({ type: 'sent', sentAt, count: senders.length })
  } else if (command.type === 'close') {
    for (const socket of sockets) socket.disconnect()
    setTimeout(() => process.exit(0), 200)
  }
})
process.on('disconnect', () => process.exit(0))
send({ type: 'started' })
