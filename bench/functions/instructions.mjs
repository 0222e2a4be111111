// Instructions per request of GET /hello, bare Fastify against Basalt, counted by valgrind's
// callgrind: a count that does not move with the machine's load (the same build gives the same
// figure within about 0.5%), unlike req/s or CPU time on a shared VM. Each server runs under
// `valgrind --tool=callgrind` with instrumentation off; after a warm-up (uncounted) it is turned
// on for a fixed number of requests (autocannon, 10 connections), then off, and the counts are
// dumped. The main thread's user-space instructions only: the kernel's share (socket reads and
// writes) and V8's helper threads (compiler, parts of the garbage collector) are not in these
// figures. With --functions, also the JavaScript functions whose instructions differ most
// between the two (native and builtin code counted in the function that called it; V8's symbol
// map from --perf-basic-prof).
// Usage: node bench/functions/instructions.mjs [--requests N] [--warmup N] [--functions]
// Needs valgrind (callgrind_control). About 2 minutes.
import { execFile, spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import autocannon from 'autocannon'
import { writeApp } from './app.mjs'

const run = promisify(execFile)
const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '25000' },
    functions: { type: 'boolean', default: false },
  },
})
const requests = Number(flags.requests)
const warmup = Number(flags.warmup)
if (![requests, warmup].every((n) => Number.isInteger(n) && n >= 1000 && n <= 200_000)) {
  console.error('--requests and --warmup expect whole numbers from 1000 to 200000')
  process.exit(2)
}
try {
  await run('callgrind_control', ['--version'])
} catch {
  console.error('valgrind is not installed (callgrind_control not found)')
  process.exit(2)
}

const dir = await mkdtemp(join(tmpdir(), 'basalt-bench-instructions-'))
await chmod(dir, 0o755)
const appDir = join(dir, 'app')
await writeApp(appDir)
const targets = [
  { name: 'bare Fastify', script: 'serve-bare.mjs', options: { appDir } },
  { name: 'Basalt', script: 'serve-basalt.mjs', options: { appDir, dataDir: join(dir, 'data') } },
]

try {
  for (const target of targets) Object.assign(target, await measure(target))
  const base = targets[0].perRequest
  console.log(`\nGET /hello, ${requests} requests counted after ${warmup} uncounted:\n`)
  console.log('| server       | instructions per request | ÷ bare Fastify |')
  console.log('| ------------ | -----------------------: | -------------: |')
  for (const target of targets) {
    const ratio = (target.perRequest / base).toFixed(3)
    console.log(
      `| ${target.name.padEnd(12)} | ${Math.round(target.perRequest).toLocaleString('en').padStart(24)} | ${ratio.padStart(13)}x |`,
    )
  }
  if (flags.functions) printDifferences(targets[0].functions, targets[1].functions)
} finally {
  await rm(dir, { recursive: true, force: true })
}

/** Runs one server under callgrind: instructions per counted request, and per function. */
async function measure({ name, script, options }) {
  const out = join(dir, `callgrind.${script}`)
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      // V8 writes and rewrites machine code on the heap.
      '--smc-check=all-non-file',
      '--instr-atstart=no',
      // One dump per thread: the main thread's is counted (V8 compiles and collects garbage on
      // helper threads too; how much of that falls in the counted window varies from run to run).
      '--separate-threads=yes',
      `--callgrind-out-file=${out}`,
      process.execPath,
      // The symbol map; V8 then also writes a log, kept in the temporary folder.
      ...(flags.functions
        ? ['--perf-basic-prof', '--no-logfile-per-isolate', `--logfile=${out}.v8.log`]
        : []),
      fileURLToPath(new URL(script, import.meta.url)),
    ],
    {
      env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    const ready = await Promise.race([
      new Promise((resolve) => child.once('message', resolve)),
      exited.then(() =>
        Promise.reject(new Error(`${name} exited before it was ready:\n${stderr}`)),
      ),
    ])
    const url = `${ready.url}/hello`
    console.log(`${name}: warm-up (${warmup} requests, uncounted)`)
    // Two rounds: the second on new connections, as the counted one is.
    await load(url, Math.ceil(warmup / 5))
    await load(url, warmup - Math.ceil(warmup / 5))
    await run('callgrind_control', ['-i', 'on', String(child.pid)])
    await load(url, requests)
    await run('callgrind_control', ['-i', 'off', String(child.pid)])
    await run('callgrind_control', ['-d', String(child.pid)])
    console.log(`${name}: ${requests} requests counted`)
  } finally {
    child.kill('SIGTERM')
    await exited
  }
  const dump = await readFile(`${out}.1-01`, 'utf8')
  const total = Number(/^totals: (\d+)$/m.exec(dump)?.[1])
  if (!total) throw new Error(`${name}: no totals in the callgrind dump`)
  const functions = flags.functions
    ? attribute(dump, await readFile(`/tmp/perf-${child.pid}.map`, 'utf8'))
    : undefined
  if (flags.functions) await rm(`/tmp/perf-${child.pid}.map`, { force: true })
  return { perRequest: total / requests, functions }
}

async function load(url, amount) {
  const result = await autocannon({ url, amount, connections: 10 })
  if (result['2xx'] !== amount) throw new Error(`${url}: ${amount - result['2xx']} requests failed`)
}

/**
 * Instructions per JavaScript function: its own, plus those of native and builtin code it
 * called (shared among callers in proportion to their calls, up to four native levels up).
 */
function attribute(dump, perfMap) {
  const symbols = perfMap
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [start, size, ...name] = line.split(' ')
      return {
        start: parseInt(start, 16),
        end: parseInt(start, 16) + parseInt(size, 16),
        name: name.join(' '),
      }
    })
    .sort((a, b) => a.start - b.start)
  const symbolAt = (address) => {
    let low = 0
    let high = symbols.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const symbol = symbols[middle]
      if (address < symbol.start) high = middle - 1
      else if (address >= symbol.end) low = middle + 1
      else return 'JS ' + symbol.name.replace(/^JS:[*~^+]?/, '')
    }
    return undefined
  }
  const names = new Map()
  const nameOf = (token) => {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(token)
    let name = token
    if (match) {
      if (match[2] !== undefined) names.set(match[1], match[2])
      name = names.get(match[1]) ?? token
    }
    const address = /^0x([0-9a-f]+)$/.exec(name)
    return (address && symbolAt(parseInt(address[1], 16))) || name
  }
  const own = new Map()
  const calls = new Map()
  let current
  let callee
  let pendingCall
  for (const line of dump.split('\n')) {
    if (line.startsWith('fn=')) current = nameOf(line.slice(3))
    else if (line.startsWith('cfn=')) callee = nameOf(line.slice(4))
    else if (line.startsWith('calls=')) pendingCall = callee
    else if (/^(cfi|cfl|fi|fe|fl|ob|cob)=/.test(line)) nameOf(line.slice(line.indexOf('=') + 1))
    else if (/^[0-9+*-]/.test(line)) {
      const cost = Number(line.split(' ')[1] ?? 0)
      if (pendingCall !== undefined) {
        if (pendingCall !== current) {
          const key = `${current}\u0000${pendingCall}`
          calls.set(key, (calls.get(key) ?? 0) + cost)
        }
        pendingCall = undefined
      } else own.set(current, (own.get(current) ?? 0) + cost)
    }
  }
  const callers = new Map()
  for (const [key, cost] of calls) {
    const [caller, called] = key.split('\u0000')
    if (!callers.has(called)) callers.set(called, [])
    callers.get(called).push([caller, cost])
  }
  const result = new Map()
  const add = (name, cost) => result.set(name, (result.get(name) ?? 0) + cost)
  let pending = new Map()
  for (const [name, cost] of own) {
    if (name.startsWith('JS ')) add(name, cost)
    else pending.set(name, cost)
  }
  for (let level = 0; level < 4; level++) {
    const next = new Map()
    for (const [name, cost] of pending) {
      const from = callers.get(name)
      if (!from) {
        add(`native ${name}`, cost)
        continue
      }
      const sum = from.reduce((total, [, each]) => total + each, 0)
      for (const [caller, each] of from) {
        const share = (cost * each) / sum
        if (caller.startsWith('JS ')) add(caller, share)
        else next.set(caller, (next.get(caller) ?? 0) + share)
      }
    }
    pending = next
  }
  for (const [name, cost] of pending) add(`native ${name}`, cost)
  return result
}

function printDifferences(bare, basalt) {
  const names = new Set([...bare.keys(), ...basalt.keys()])
  const rows = [...names]
    .map((name) => {
      const a = (bare.get(name) ?? 0) / requests
      const b = (basalt.get(name) ?? 0) / requests
      return { name, a, b, diff: b - a }
    })
    .sort((x, y) => y.diff - x.diff)
  console.log('\nInstructions per request by function, where Basalt spends the most beyond bare:\n')
  console.log('   bare  Basalt    diff  function')
  for (const row of rows.slice(0, 30)) {
    console.log(
      `${row.a.toFixed(0).padStart(7)} ${row.b.toFixed(0).padStart(7)} ${(row.diff >= 0 ? '+' : '') + row.diff.toFixed(0).padStart(6)}  ${row.name.slice(0, 110)}`,
    )
  }
}
