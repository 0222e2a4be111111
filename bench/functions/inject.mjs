// The request pipeline without sockets: µs per `app.inject()` of GET /hello on bare Fastify and
// on Basalt, and of Basalt's JSON 404, in one process, in alternating rounds (the median round
// is printed), wall time and CPU time (process.cpuUsage()). What Basalt adds in JavaScript per
// request, apart from the socket write.
// Usage: node bench/functions/inject.mjs [--rounds N] [--requests M] [--only TEXT]
// (--only: the targets whose name contains TEXT, for example to profile one with --cpu-prof)
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG, createServer, parseServerConfig } from '@basalt/server'
import { BARE_HANDLER_FILE, appConfig, writeApp } from './app.mjs'

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '20000' },
    only: { type: 'string' },
  },
})
const rounds = Number(flags.rounds)
const requests = Number(flags.requests)

const dataDir = await mkdtemp(join(tmpdir(), 'basalt-bench-inject-'))
// The embedded PostgreSQL runs as `postgres` when this runs as root: it must enter the folder.
await chmod(dataDir, 0o755)
const appDir = join(dataDir, 'app')
await writeApp(appDir)
const server = await createServer(
  parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'warn',
    dataDir,
    appDir,
    app: appConfig(0),
  }),
)
const Fastify = createRequire(import.meta.resolve('@basalt/server'))('fastify')
const { hello } = await import(pathToFileURL(join(appDir, BARE_HANDLER_FILE)).href)
const bare = Fastify({ logger: false })
bare.get('/hello', async () => hello())
await bare.ready()

const all = [
  { name: 'bare Fastify GET /hello', app: bare, url: '/hello', status: 200 },
  { name: 'Basalt GET /hello', app: server.app, url: '/hello', status: 200 },
  {
    name: 'Basalt GET /no-such-endpoint (404)',
    app: server.app,
    url: '/no-such-endpoint',
    status: 404,
  },
]
const targets = flags.only ? all.filter((target) => target.name.includes(flags.only)) : all

/** Wall and CPU (user + system) µs per request of `count` sequential injects. */
async function measure({ app, url, status }, count) {
  const start = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  for (let i = 0; i < count; i++) {
    const response = await app.inject({ method: 'GET', url })
    if (response.statusCode !== status) throw new Error(`${url}: ${response.statusCode}`)
  }
  const used = process.cpuUsage(cpu)
  const wall = Number(process.hrtime.bigint() - start) / 1000 / count
  return { wall, cpu: (used.user + used.system) / count }
}

try {
  for (const target of targets) await measure(target, 2000)
  const results = targets.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries())
      results[index].push(await measure(target, requests))
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const of = (index, field) => results[index].map((result) => result[field])
  const base = { wall: median(of(0, 'wall')), cpu: median(of(0, 'cpu')) }
  for (const [index, target] of targets.entries()) {
    const wall = median(of(index, 'wall'))
    const cpu = median(of(index, 'cpu'))
    console.log(
      `${target.name.padEnd(36)} ${wall.toFixed(1).padStart(6)} µs/request (+${(wall - base.wall).toFixed(1)})` +
        `  CPU ${cpu.toFixed(1).padStart(6)} µs/request (+${(cpu - base.cpu).toFixed(1)})`,
    )
  }
} finally {
  await bare.close()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
}
