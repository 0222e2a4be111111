// CPU time per request of GET /hello over sockets, on bare Fastify and on Basalt, each server in
// its own process (as in run.mjs): a load process (autocannon, a fixed number of requests per
// round) sends to one server at a time, in alternating rounds, and the server's CPU (user +
// system, its process.resourceUsage()) over the round is divided by the requests answered. CPU
// per request is steadier than req/s on a shared machine: another process's load slows both
// servers but adds less to the CPU they spend per request. Printed: the median and the least
// round, the system (kernel) part and the voluntary context switches per request.
// Usage: node bench/functions/cpu.mjs [--rounds N] [--requests M] [--connections C]
//   [--profile DIR] (a .cpuprofile of each measured round of each server, startup left out)
//   [--other PATH] (also another build of @basalt/server, PATH/dist/index.js: an older one)
import { fork } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { BARE_HANDLER_FILE, appConfig, writeApp } from './app.mjs'

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '10' },
    profile: { type: 'string' },
    other: { type: 'string' },
    // Internal: the load process, and the server processes.
    load: { type: 'boolean', default: false },
    serve: { type: 'string' },
    module: { type: 'string' },
    dir: { type: 'string' },
  },
})

if (flags.load) await loadProcess()
else if (flags.serve) await serverProcess()
else await main()

/** The load process: on each message {url, amount, connections}, runs autocannon and answers. */
async function loadProcess() {
  const autocannon = (await import('autocannon')).default
  process.on('message', async ({ url, amount, connections }) => {
    const result = await autocannon({ url, amount, connections, pipelining: 1 })
    process.send({ ok: result['2xx'], other: result.non2xx + result.errors + result.timeouts })
  })
  process.on('disconnect', () => process.exit(0))
}

/**
 * A server process (`--serve bare|basalt`, the app in `--dir`): answers {url} once listening,
 * then its resource usage, or a profile's start and end, on request.
 */
async function serverProcess() {
  const appDir = join(flags.dir, 'app')
  const close = flags.serve === 'bare' ? await serveBare(appDir) : await serveBasalt(appDir)
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  process.on('message', async (message) => {
    if (message === 'usage') return process.send(process.resourceUsage())
    if (message === 'profile-start') await session.post('Profiler.start')
    if (message === 'profile-stop') return process.send(await session.post('Profiler.stop'))
    process.send('ok')
  })
  process.on('disconnect', () => void close().finally(() => process.exit(0)))
}

async function serveBare(appDir) {
  const require = createRequire(import.meta.resolve('@basalt/server'))
  const { hello } = await import(pathToFileURL(join(appDir, BARE_HANDLER_FILE)).href)
  const app = require('fastify')({ logger: false })
  app.get('/hello', async () => hello())
  process.send({ url: (await app.listen({ host: '127.0.0.1', port: 0 })) + '/hello' })
  return () => app.close()
}

async function serveBasalt(appDir) {
  const basalt = await import(
    flags.module ? pathToFileURL(join(flags.module, 'dist/index.js')).href : '@basalt/server'
  )
  const dataDir = await mkdtemp(join(flags.dir, 'data-'))
  // The embedded PostgreSQL runs as `postgres` when this runs as root: it must enter the folder.
  await chmod(dataDir, 0o755)
  const server = await basalt.createServer(
    basalt.parseServerConfig({
      ...basalt.DEFAULT_CONFIG,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'warn',
      dataDir,
      appDir,
      app: appConfig(0),
    }),
  )
  process.send({ url: (await server.listen()) + '/hello' })
  return () => server.close()
}

/** Forks this script with `args`; answers the child and a function that sends and awaits. */
async function child(args) {
  const process = fork(fileURLToPath(import.meta.url), args, { stdio: 'inherit' })
  const ask = (message) =>
    new Promise((resolve) => {
      process.once('message', resolve)
      process.send(message)
    })
  const ready = await new Promise((resolve) => process.once('message', resolve))
  return { process, ask, ...ready }
}

async function main() {
  const rounds = Number(flags.rounds)
  const amount = Number(flags.requests)
  const connections = Number(flags.connections)
  const dir = await mkdtemp(join(tmpdir(), 'basalt-bench-cpu-'))
  await chmod(dir, 0o755)
  await writeApp(join(dir, 'app'))
  const targets = []
  const load = fork(fileURLToPath(import.meta.url), ['--load'], { stdio: 'inherit' })
  const send = (message) =>
    new Promise((resolve) => {
      load.once('message', resolve)
      load.send(message)
    })
  try {
    targets.push({ name: 'bare Fastify', ...(await child(['--serve', 'bare', '--dir', dir])) })
    targets.push({ name: 'Basalt', ...(await child(['--serve', 'basalt', '--dir', dir])) })
    if (flags.other) {
      const args = ['--serve', 'basalt', '--dir', dir, '--module', flags.other]
      targets.push({ name: 'Basalt (other)', ...(await child(args)) })
    }
    for (const target of targets) await send({ url: target.url, amount: 5000, connections })
    const results = targets.map(() => ({ cpuUs: [], systemUs: [], switches: [], profiles: [] }))
    for (let round = 0; round < rounds; round++) {
      for (const [index, target] of targets.entries()) {
        if (flags.profile) await target.ask('profile-start')
        const before = await target.ask('usage')
        const { ok, other } = await send({ url: target.url, amount, connections })
        const after = await target.ask('usage')
        if (flags.profile) results[index].profiles.push((await target.ask('profile-stop')).profile)
        if (other) throw new Error(`${target.name}: ${other} requests failed`)
        const delta = (field) => (after[field] - before[field]) / ok
        results[index].cpuUs.push(delta('userCPUTime') + delta('systemCPUTime'))
        results[index].systemUs.push(delta('systemCPUTime'))
        results[index].switches.push(delta('voluntaryContextSwitches'))
      }
    }
    report(targets, results)
    if (flags.profile) await writeProfiles(targets, results)
  } finally {
    load.disconnect()
    for (const target of targets) target.process.disconnect()
    await Promise.all(targets.map((target) => exited(target.process)))
    await rm(dir, { recursive: true, force: true })
  }
}

function report(targets, results) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const base = median(results[0].cpuUs)
  const baseLeast = Math.min(...results[0].cpuUs)
  for (const [index, target] of targets.entries()) {
    const { cpuUs, systemUs, switches } = results[index]
    const value = median(cpuUs)
    const least = Math.min(...cpuUs)
    console.log(
      `${target.name.padEnd(16)} median ${value.toFixed(1).padStart(6)} µs CPU/request ` +
        `(+${(value - base).toFixed(1)}), least ${least.toFixed(1).padStart(6)} ` +
        `(+${(least - baseLeast).toFixed(1)}); system ${median(systemUs).toFixed(1)} µs, ` +
        `${median(switches).toFixed(2)} waits/request; rounds: ${cpuUs.map((v) => v.toFixed(1)).join(' ')}`,
    )
  }
}

async function writeProfiles(targets, results) {
  await mkdir(flags.profile, { recursive: true })
  for (const [index, target] of targets.entries()) {
    for (const [round, profile] of results[index].profiles.entries()) {
      const name = `${target.name.replace(/\W+/g, '-')}.${round}.cpuprofile`
      await writeFile(join(flags.profile, name), JSON.stringify(profile))
    }
  }
  console.log(`profiles (one per server and round): ${flags.profile}`)
}

function exited(process) {
  if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => process.once('exit', resolve))
}
