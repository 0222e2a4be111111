// Benchmark: realtime fan-out — N sockets in one channel, a steady stream of messages — through
// Basalt and through a bare socket.io server, in the same run.
// Usage: node bench/realtime/run.mjs [--sockets N] [--messages M] [--quick]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { benchFrame, startServer } from '../health-overhead/lib.mjs'
import { connectMembers, measureFanOut } from './fan-out.mjs'

const TARGET = 0.8
const CHANNEL = 'bench'
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sockets: { type: 'string' },
    messages: { type: 'string' },
  },
})
const sockets = Number(flags.sockets ?? (flags.quick ? 100 : 1000))
const messages = Number(flags.messages ?? (flags.quick ? 50 : 200))
const INTERVAL_MS = 10
if (![sockets, messages].every((n) => Number.isInteger(n) && n > 0 && n <= 20_000)) {
  console.error('--sockets and --messages expect whole numbers from 1 to 20000')
  process.exit(2)
}

const { dataDir, track, shutdown } = await benchFrame('basalt-bench-rt-', 300_000)

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()})`,
  )
  console.log(
    `${sockets} sockets in one channel, ${messages} messages, one every ${INTERVAL_MS} ms`,
  )
  const bare = track(await startServer('../realtime/serve-bare.mjs', {}))
  const basalt = track(
    await startServer('../realtime/serve-basalt.mjs', {
      dataDir,
      databaseUrl: process.env.DATABASE_URL || undefined,
    }),
  )
  const rows = []
  for (const [label, server, auth] of [
    ['bare socket.io', bare, {}],
    ['Basalt', basalt, { clientKey: basalt.clientKey, echoMessages: true }],
  ]) {
    const members = await connectMembers(server.url, auth, sockets, CHANNEL)
    const options = { messages, intervalMs: INTERVAL_MS, timeoutMs: 60_000 }
    await measureFanOut(members, CHANNEL, { ...options, messages: Math.ceil(messages / 4) }) // warm-up
    rows.push([label, await measureFanOut(members, CHANNEL, options)])
    for (const socket of members) socket.disconnect()
  }
  const base = rows[0][1].perSecond
  console.log('\n| server | deliveries | per second | p50 ms | p99 ms | vs bare |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
  for (const [label, r] of rows) {
    const ratio = r.perSecond / base
    const verdict =
      label === 'Basalt' ? ` ${ratio >= TARGET ? 'PASS' : 'MISS'} (target ≥ ${TARGET})` : ''
    console.log(
      `| ${label} | ${r.delivered}/${r.expected} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${ratio.toFixed(2)}${verdict} |`,
    )
  }
  const lost = rows.some(([, r]) => r.delivered !== r.expected)
  await shutdown(lost ? 1 : 0)
} catch (error) {
  console.error(error)
  await shutdown(1)
}
