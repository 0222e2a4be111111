// Benchmark: N connected sockets held by one server process, each in a channel (one channel for
// all by default) — Basalt and a bare socket.io server in the same run. The sockets live in
// several load processes (hold-worker.mjs), so that the load side is not one event loop.
// Usage: node bench/realtime/hold.mjs [--sockets N] [--channels C] [--workers W] [--pending P]
//        [--idle S] [--open-limit S] [--deadline S] [--quick]
// See README.md next to this file. Traffic goes to 127.0.0.1 only; the run stops by itself.
import { fork, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { benchFrame, startServer } from '../health-overhead/lib.mjs'

const CLOCK_TICKS = 100 // USER_HZ
const BROADCAST_TIMEOUT_MS = 60_000
const STALL_TIMEOUT_MS = 30_000 // member events: give up when none arrive for this long
const PROGRESS_EVERY_MS = 15_000

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sockets: { type: 'string' },
    channels: { type: 'string' },
    workers: { type: 'string' },
    pending: { type: 'string' },
    idle: { type: 'string' },
    'open-limit': { type: 'string' },
    deadline: { type: 'string' },
  },
})
const sockets = Number(flags.sockets ?? (flags.quick ? 1000 : 10_000))
const channels = Number(flags.channels ?? 1)
const workerCount = Number(flags.workers ?? 4)
const pending = Number(flags.pending ?? 200)
const idleSeconds = Number(flags.idle ?? 10)
// Opening and joining (member events included) stops there, and the run goes on with the sockets
// it has: a server that cannot take N sockets in that time gets a MISS with figures.
const openLimitSeconds = Number(flags['open-limit'] ?? (flags.quick ? 120 : 240))
const deadlineSeconds = Number(flags.deadline ?? 2 * openLimitSeconds + 240)
const wholeIn = (n, min, max) => Number.isInteger(n) && n >= min && n <= max
if (
  !wholeIn(sockets, 1, 50_000) ||
  !wholeIn(channels, 1, sockets) ||
  !wholeIn(workerCount, 1, 32) ||
  !wholeIn(pending, 1, 5000) ||
  !wholeIn(idleSeconds, 0, 600) ||
  !wholeIn(openLimitSeconds, 10, 3600) ||
  !wholeIn(deadlineSeconds, 30, 7200)
) {
  console.error(
    '--sockets 1..50000, --channels 1..sockets, --workers 1..32, --pending 1..5000, ' +
      '--idle 0..600 (s), --open-limit 10..3600 (s), --deadline 30..7200 (s)',
  )
  process.exit(2)
}

// The server process holds every socket, plus its own files and database connections.
const neededFiles = sockets + 1024
await ensureFileLimit(neededFiles)

const { dataDir, track, shutdown } = await benchFrame('basalt-bench-hold-', deadlineSeconds * 1000)

try {
  console.log(
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), ` +
      `open files limit ${fileLimits().soft}`,
  )
  console.log(
    `${sockets} sockets in ${channels === 1 ? 'one channel' : `${channels} channels`}, ` +
      `from ${workerCount} load processes, ` +
      `at most ${pending} handshakes (and on Basalt joins) pending; ${idleSeconds} s idle check`,
  )
  const bare = track(await startServer('../realtime/serve-bare.mjs', {}))
  const basalt = track(
    await startServer('../realtime/serve-basalt.mjs', {
      dataDir,
      databaseUrl: process.env.DATABASE_URL || undefined,
    }),
  )
  const rows = []
  for (const [label, server, auth, memberEvents] of [
    ['bare socket.io', bare, {}, false],
    ['Basalt', basalt, { clientKey: basalt.clientKey, echoMessages: true }, true],
  ]) {
    rows.push([label, await hold(label, server, auth, memberEvents)])
  }
  printTable(rows)
  const result = rows[1][1]
  await shutdown(passes(result) ? 0 : 1)
} catch (error) {
  console.error(error)
  await shutdown(1)
}

/** One server: open, join, broadcast once, idle, and measure. */
async function hold(label, server, auth, memberEvents) {
  console.log(`\n${label}: opening ${sockets} sockets`)
  const before = procStatus(server.pid)
  const cpuBefore = cpuSeconds(server.pid)
  const shares = Array.from(
    { length: workerCount },
    (_, i) =>
      Math.floor((sockets * (i + 1)) / workerCount) - Math.floor((sockets * i) / workerCount),
  ).filter((n) => n > 0)
  const workers = await Promise.all(
    shares.map((count, i) =>
      startWorker({
        url: server.url,
        auth,
        count,
        offset: shares.slice(0, i).reduce((a, b) => a + b, 0),
        channels,
        pending: Math.max(1, Math.round((pending * count) / sockets)),
        connectTimeoutMs: 60_000,
        memberEvents,
      }),
    ),
  )
  const statsOf = async () => sum(await Promise.all(workers.map((w) => w.ask('stats', 'stats'))))
  // Every 15 s: counts, and (since the last line) the slowest join round trip and the longest
  // event-loop stall of a load process — to tell a server that falls behind from a load side that
  // does.
  const progress = setInterval(async () => {
    const all = await Promise.all(workers.map((w) => w.ask('progress', 'progress'))).catch(
      () => undefined, // a load process that went is reported below
    )
    if (!all) return
    const s = sum(all)
    const max = (field) => Math.max(...all.map((one) => one[field])).toFixed(0)
    const joins = memberEvents
      ? `${s.joined} joined (slowest ${max('joinRoundTripMaxMs')} ms), ` +
        `${s.memberEvents} member events, `
      : ''
    console.log(
      `  ${label}: ${s.connected} connected, ${s.failed} failed, ${joins}` +
        `${s.disconnects} disconnects, load loop stall ${max('loopDelayMaxMs')} ms, ` +
        `server RSS ${mb(procStatus(server.pid).rss)} MB`,
    )
  }, PROGRESS_EVERY_MS)
  try {
    const start = performance.now()
    const limit = sleep(openLimitSeconds * 1000, 'limit')
    const opened = Promise.all(workers.map((w) => w.ask('open', 'ready')))
    opened.catch(() => {}) // awaited below unless the limit comes first
    let ready
    const complete = (await Promise.race([opened, limit])) !== 'limit'
    if (!complete) {
      // Stop opening (each process finishes its pending handshakes) and go on with what is there.
      for (const w of workers) w.tell('halt')
      ready = await statsOf()
      console.log(
        `  ${label}: stopped after ${openLimitSeconds} s: ${ready.connected} connected, ` +
          `${ready.joined} joined (own channel:join back), ${ready.memberEvents} member events`,
      )
    } else {
      ready = sum(await opened)
    }
    const connectSeconds = (performance.now() - start) / 1000
    const connectCpu = cpuSeconds(server.pid) - cpuBefore
    console.log(
      `  ${label}: ${ready.connected} connected${complete ? ' and joined' : ''} in ` +
        `${connectSeconds.toFixed(1)} s (${ready.failed} failed${failureText(ready.failures)})`,
    )

    // Basalt tells every member of every join (channel:join, the joiner included): wait until
    // those m(m+1)/2 events per channel of m members have all arrived, so that the broadcast is
    // timed on quiet channels. (With failed sockets the count is unknown: a stall ends the wait.)
    let drainSeconds
    const expectedMemberEvents = memberEvents ? memberEventsOf(sockets, channels) : 0
    if (memberEvents && complete) {
      let seen = -1
      let lastChange = performance.now()
      for (;;) {
        const s = await statsOf()
        if (s.memberEvents !== seen) lastChange = performance.now()
        seen = s.memberEvents
        if (seen >= expectedMemberEvents) break
        if (performance.now() - lastChange > STALL_TIMEOUT_MS) {
          console.log(`  ${label}: member events stalled at ${seen}/${expectedMemberEvents}`)
          break
        }
        if (performance.now() - start > openLimitSeconds * 1000) {
          console.log(`  ${label}: member events at ${seen}/${expectedMemberEvents} at the limit`)
          break
        }
        await sleep(200)
      }
      drainSeconds = (performance.now() - start) / 1000
    }

    // One message to each channel, sent by one of its members (with echo): N deliveries.
    const sends = await Promise.all(workers.map((w) => w.ask('broadcast', 'sent')))
    const sentAt = Math.min(...sends.map((sent) => (sent.count > 0 ? sent.sentAt : Infinity)))
    const broadcastStart = performance.now()
    let delivery = await statsOf()
    while (
      delivery.received < ready.connected &&
      performance.now() - broadcastStart < BROADCAST_TIMEOUT_MS
    ) {
      await sleep(50)
      delivery = await statsOf()
    }
    const lastDeliveryMs = delivery.received > 0 ? delivery.lastReceivedAt - sentAt : NaN
    console.log(
      `  ${label}: broadcast reached ${delivery.received}/${sockets}, ` +
        `last after ${lastDeliveryMs.toFixed(1)} ms; idling ${idleSeconds} s`,
    )

    await sleep(idleSeconds * 1000)
    const idleEach = await Promise.all(workers.map((w) => w.ask('stats', 'stats')))
    const idle = sum(idleEach)
    const after = procStatus(server.pid)
    if (idle.disconnects > 0) {
      console.log(
        `  ${label}: disconnect reasons ${JSON.stringify(idle.disconnectReasons)}, per load ` +
          `process ${idleEach.map((one) => `${one.disconnects}/${one.connected}`).join(', ')}`,
      )
    }
    return {
      connected: ready.connected,
      failed: ready.failed,
      connectSeconds,
      complete,
      connectCpu,
      drainSeconds,
      memberEvents: memberEvents ? `${idle.memberEvents}/${expectedMemberEvents}` : '—',
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssPeak: after.hwm,
      delivered: delivery.received,
      lastDeliveryMs,
      disconnects: idle.disconnects,
      heldAfterIdle: idle.connectedNow,
    }
  } finally {
    clearInterval(progress)
    await Promise.all(workers.map((w) => w.close()))
  }
}

/** How many channel:join events N sockets joining C channels bring, the joiners' own included. */
function memberEventsOf(n, c) {
  let total = 0
  for (let channel = 0; channel < c; channel++) {
    const m = Math.floor((n - 1 - channel) / c) + 1
    total += (m * (m + 1)) / 2
  }
  return total
}

function passes(r) {
  return (
    r.connected === sockets &&
    r.delivered === sockets &&
    r.heldAfterIdle === sockets &&
    r.disconnects === 0
  )
}

function printTable(rows) {
  const base = rows[0][1]
  const header = [
    'server',
    'connected',
    'failed',
    'connect+join s',
    'member events drained s',
    'server CPU s',
    'RSS before MB',
    'RSS held MB',
    'peak RSS MB',
    'KB/socket',
    'delivered',
    'last delivery ms',
    `held after ${idleSeconds} s idle`,
    'connect time vs bare',
  ]
  console.log(`\n| ${header.join(' | ')} |`)
  console.log(
    `| --- | ${header
      .slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
  )
  for (const [label, r] of rows) {
    const verdict =
      label === 'Basalt'
        ? ` ${passes(r) ? 'PASS' : 'MISS'} (all ${sockets} held and delivered)`
        : ''
    const cells = [
      label,
      `${r.connected}/${sockets}`,
      r.failed,
      `${r.complete ? '' : '> '}${r.connectSeconds.toFixed(1)}`,
      r.drainSeconds === undefined ? '—' : r.drainSeconds.toFixed(1),
      r.connectCpu.toFixed(1),
      mb(r.rssBefore),
      mb(r.rssAfter),
      mb(r.rssPeak),
      ((r.rssAfter - r.rssBefore) / Math.max(1, r.connected)).toFixed(1),
      `${r.delivered}/${sockets}`,
      r.lastDeliveryMs.toFixed(1),
      `${r.heldAfterIdle}/${sockets}`,
      `${r.complete ? '' : '> '}${(r.connectSeconds / base.connectSeconds).toFixed(2)}${verdict}`,
    ]
    console.log(`| ${cells.join(' | ')} |`)
  }
  for (const [label, r] of rows) {
    if (r.memberEvents !== '—') console.log(`${label} channel:join events: ${r.memberEvents}`)
  }
}

/** A load process; `ask(command, answer)` sends a command and resolves with the answer. */
async function startWorker(options) {
  const child = fork(new URL('./hold-worker.mjs', import.meta.url), [], {
    env: { ...process.env, BENCH_HOLD_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: true,
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== type) return
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(message)
      }
      const onExit = (code) => reject(new Error(`load process exited (${code})`))
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const gone = () => child.exitCode !== null || child.signalCode !== null
  const stop = async () => {
    if (gone()) return true
    child.kill('SIGTERM')
    if ((await Promise.race([exited, sleep(5000, 'timeout')])) === 'timeout') child.kill('SIGKILL')
    return true // never a server: nothing for benchFrame to clean after it
  }
  track({ stop })
  await next('started')
  return {
    tell: (type) => child.send({ type }),
    ask: (type, answer) => {
      const reply = next(answer)
      child.send({ type })
      return reply
    },
    close: async () => {
      if (gone()) return
      child.send({ type: 'close' })
      if ((await Promise.race([exited, sleep(10_000, 'timeout')])) === 'timeout') await stop()
    },
  }
}

function sum(stats) {
  const total = { failures: {}, disconnectReasons: {}, lastReceivedAt: 0 }
  for (const s of stats) {
    for (const [key, value] of Object.entries(s)) {
      if (typeof value === 'number' && key !== 'lastReceivedAt')
        total[key] = (total[key] ?? 0) + value
    }
    total.lastReceivedAt = Math.max(total.lastReceivedAt, s.lastReceivedAt)
    for (const field of ['failures', 'disconnectReasons']) {
      for (const [key, n] of Object.entries(s[field])) {
        total[field][key] = (total[field][key] ?? 0) + n
      }
    }
  }
  return total
}

function failureText(failures) {
  const entries = Object.entries(failures)
  return entries.length === 0 ? '' : `: ${entries.map(([m, n]) => `${n}x ${m}`).join(', ')}`
}

/** VmRSS and VmHWM (peak RSS) of a process, in kB. */
function procStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
    return { rss: field('VmRSS'), hwm: field('VmHWM') }
  } catch {
    return { rss: NaN, hwm: NaN }
  }
}

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return NaN
  }
}

function mb(kb) {
  return (kb / 1024).toFixed(1)
}

function sleep(ms, value) {
  return new Promise((resolve) => setTimeout(resolve, ms, value))
}

/** The open-files limits of this process (soft, hard). */
function fileLimits() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'))
  const [soft, hard] = line.split(/\s{2,}/).slice(1, 3)
  const parse = (value) => (value === 'unlimited' ? Infinity : Number(value))
  return { soft: parse(soft), hard: parse(hard) }
}

/**
 * The server child needs one descriptor per socket. (Node raises its soft limit to the hard one
 * at start, so the hard limit is what counts.) When the limit is lower, runs this script again
 * under `ulimit -n` (children inherit it), which takes root with CAP_SYS_RESOURCE; says clearly
 * what to do when that fails.
 */
async function ensureFileLimit(needed) {
  const { soft, hard } = fileLimits()
  if (soft >= needed) return
  const wanted = Math.max(needed, 65_536)
  if (process.env.BENCH_HOLD_RAISED) {
    console.error(
      `${sockets} sockets need an open files limit of at least ${needed} (it is ${soft}, hard ` +
        `${hard}); run \`ulimit -n ${wanted}\` (as root, or after raising the hard limit) first`,
    )
    process.exit(2)
  }
  console.log(`open files limit ${soft} < ${needed}: running again under ulimit -n ${wanted}`)
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${wanted} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`,
      process.execPath,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_HOLD_RAISED: '1' } },
  )
  const forward = (signal) => () => child.kill(signal)
  process.on('SIGINT', forward('SIGINT')).on('SIGTERM', forward('SIGTERM'))
  const [code, signal] = await new Promise((resolve) =>
    child.once('exit', (...result) => resolve(result)),
  )
  process.exit(code ?? (signal ? 1 : 0))
}
