// Storage benchmark: upload and download of one large file through Basalt's storage routes
// against a plain file copy on the same disk, in the same run; and the server's peak memory
// above idle while it streams. See README.md.
import { fork } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  rmSync,
  statSync,
} from 'node:fs'
import { open } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'

const MiB = 1024 * 1024
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const at = args.indexOf(name)
  return at === -1 ? fallback : Number(args[at + 1])
}
const quick = args.includes('--quick')
const sizeMiB = option('--size', quick ? 20 : 100)
const rounds = option('--rounds', quick ? 2 : 3)
if (!(sizeMiB >= 1 && sizeMiB <= 2048) || !(rounds >= 1 && rounds <= 10)) {
  console.error(
    'usage: node bench/storage/run.mjs [--quick] [--size MiB (1-2048)] [--rounds N (1-10)]',
  )
  process.exit(2)
}
const COPY_TARGET = 0.6
const MEMORY_TARGET_MIB = 100
setTimeout(() => {
  console.error('the benchmark took more than 5 minutes; stopping')
  process.exit(1)
}, 5 * 60_000).unref()

const work = mkdtempSync(join(tmpdir(), 'basalt-bench-storage-'))
// Run as root, the embedded PostgreSQL runs as the `postgres` user: it must reach its folder.
chmodSync(work, 0o755)
const source = join(work, 'source.bin')
let server

try {
  const sourceHash = await writeSource(source, sizeMiB)
  server = await startServer(join(work, 'data'))
  // Idle: the started server before any transfer (memory is judged against this).
  const idle = await peak(server, 'reset')
  // Warm-up: the first upload and download pay for lazy setup (statements, folders).
  const warm = await uploadRaw(server, source, 'warm.bin')
  await download(server, warm._id, join(work, 'warm.out'))
  const results = { copy: [], raw: [], multipart: [], download: [] }
  const memory = { raw: 0, multipart: 0, download: 0 }
  for (let round = 0; round < rounds; round += 1) {
    results.copy.push(await timed(() => copyFile(source, join(work, `copy-${round}.bin`))))
    await peak(server, 'reset')
    const raw = await timedResult(() => uploadRaw(server, source, `raw-${round}.bin`))
    results.raw.push(raw.seconds)
    memory.raw = Math.max(memory.raw, (await peak(server, true)).peak - idle.rss)
    await peak(server, 'reset')
    const form = await timedResult(() => uploadMultipart(server, source, `form-${round}.bin`))
    results.multipart.push(form.seconds)
    memory.multipart = Math.max(memory.multipart, (await peak(server, true)).peak - idle.rss)
    if (raw.value.size !== sizeMiB * MiB || form.value.size !== sizeMiB * MiB) {
      throw new Error(
        `stored sizes ${raw.value.size} and ${form.value.size}, expected ${sizeMiB * MiB}`,
      )
    }
    await peak(server, 'reset')
    const out = join(work, `download-${round}.bin`)
    results.download.push(await timed(() => download(server, raw.value._id, out)))
    memory.download = Math.max(memory.download, (await peak(server, true)).peak - idle.rss)
    if ((await hashOf(out)) !== sourceHash) throw new Error('the downloaded bytes differ')
    rmSync(out)
    rmSync(join(work, `copy-${round}.bin`))
  }
  report(results, memory, idle)
} finally {
  server?.child.kill('SIGTERM')
  await new Promise((resolve) => (server ? server.child.on('exit', resolve) : resolve()))
  rmSync(work, { recursive: true, force: true })
}

/** Writes `mib` MiB of random bytes; answers their sha256. */
async function writeSource(path, mib) {
  const hash = createHash('sha256')
  const out = createWriteStream(path)
  for (let i = 0; i < mib; i += 1) {
    const chunk = randomBytes(MiB)
    hash.update(chunk)
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  return hash.digest('hex')
}

/** The baseline: a streamed copy on the same disk, flushed to it (as the store flushes). */
async function copyFile(from, to) {
  await pipeline(createReadStream(from), createWriteStream(to))
  await flush(to)
}

async function flush(path) {
  const handle = await open(path, 'r+')
  await handle.datasync()
  await handle.close()
}

async function startServer(dataDir) {
  const script = fileURLToPath(new URL('./serve-basalt.mjs', import.meta.url))
  const options = {
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    maxFileSizeBytes: (sizeMiB + 1) * MiB,
  }
  const child = fork(script, [], {
    env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
  })
  return { child, ...ready }
}

/** The server's resident set now and its peak since the last reset (bytes). */
function peak(server, what) {
  return new Promise((resolve) => {
    server.child.once('message', resolve)
    server.child.send({ peak: what })
  })
}

/** POSTs a stream to a storage route; answers the parsed JSON of a 200, else throws. */
function post(server, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/_api/rest/v1/storage/bucket/${path}`, {
      method: 'POST',
      headers: { 'x-client-key': server.clientKey, ...headers },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        if (res.statusCode === 200) resolve(JSON.parse(text))
        else reject(new Error(`${path}: HTTP ${res.statusCode} ${text}`))
      })
    })
    pipeline(body, req).catch(reject)
  })
}

function uploadRaw(server, path, fileName) {
  const query = `bucket=root&fileName=${encodeURIComponent(fileName)}`
  return post(
    server,
    `upload-object?${query}`,
    { 'content-type': 'application/octet-stream', 'content-length': statSync(path).size },
    createReadStream(path),
  )
}

function uploadMultipart(server, path, fileName) {
  const boundary = `----basalt-bench-${randomBytes(8).toString('hex')}`
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const body = new PassThrough()
  ;(async () => {
    body.write(head)
    await pipeline(createReadStream(path), body, { end: false })
    body.end(tail)
  })().catch((error) => body.destroy(error))
  const query = `bucket=root&fileName=${encodeURIComponent(fileName)}`
  return post(
    server,
    `upload-formdata?${query}`,
    {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + statSync(path).size + tail.length,
    },
    body,
  )
}

/** Downloads a file of root to `to` and flushes it to disk. */
function download(server, fileId, to) {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/_api/rest/v1/storage/bucket/file/download`, {
      method: 'POST',
      headers: { 'x-client-key': server.clientKey, 'content-type': 'application/json' },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        return reject(new Error(`download: HTTP ${res.statusCode}`))
      }
      pipeline(res, createWriteStream(to))
        .then(() => flush(to))
        .then(resolve, reject)
    })
    req.end(JSON.stringify({ file: fileId, bucket: 'root' }))
  })
}

async function hashOf(path) {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}

async function timed(action) {
  return (await timedResult(action)).seconds
}

async function timedResult(action) {
  const started = process.hrtime.bigint()
  const value = await action()
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function report(results, memory, idle) {
  const copy = median(results.copy)
  const mbps = (seconds) => (sizeMiB / seconds).toFixed(0)
  const rows = [
    ['plain file copy (stream + datasync)', copy, 'baseline', '', ''],
    ['upload-object, raw body', median(results.raw), memory.raw],
    ['upload-formdata, multipart', median(results.multipart), memory.multipart],
    ['download', median(results.download), memory.download],
  ]
  console.log(
    `\n${sizeMiB} MiB file, ${rounds} round(s), median of each; server idle RSS ${(idle.rss / MiB).toFixed(0)} MiB\n`,
  )
  console.log(
    '| operation | MiB/s | seconds | ÷ copy | target (≥ 0.6x) | server peak RSS above idle, MiB | target (< 100) |',
  )
  console.log('| --- | ---: | ---: | ---: | --- | ---: | --- |')
  for (const [name, seconds, extra] of rows) {
    if (extra === 'baseline') {
      console.log(`| ${name} | ${mbps(seconds)} | ${seconds.toFixed(2)} | baseline | | | |`)
      continue
    }
    const ratio = copy / seconds
    const above = extra / MiB
    console.log(
      `| ${name} | ${mbps(seconds)} | ${seconds.toFixed(2)} | ${ratio.toFixed(2)}x | ${ratio >= COPY_TARGET ? 'PASS' : 'MISS'} | ${above.toFixed(0)} | ${above < MEMORY_TARGET_MIB ? 'PASS' : 'MISS'} |`,
    )
  }
}
