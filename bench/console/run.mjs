#!/usr/bin/env node
// Admin console: the gzipped JavaScript of the first view (target < 300 KB) and its first load in
// Chromium, served by Basalt at /_console/ against a plain static file server of the same files
// (the baseline), in one run.
//   npm run build && node bench/console/run.mjs [--loads 15]
// Needs Debian's chromium (/usr/bin/chromium). Uses the embedded PostgreSQL, or DATABASE_URL.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'

const DIST = new URL('../../apps/console/dist/', import.meta.url)
const LOADS = Number(flag('--loads') ?? 15)
const TARGET_KB = 300
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function flag(name) {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

/** The scripts and styles index.html loads before the first view (entry and modulepreloads). */
export function firstViewFiles(html) {
  const files = new Set()
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = match[0]
    if (/rel="(stylesheet|modulepreload)"|type="module"/.test(tag)) files.add(match[1])
  }
  return [...files].map((url) => url.replace(/^\/_console\//, ''))
}

function bundleSizes() {
  const html = readFileSync(new URL('index.html', DIST), 'utf8')
  return firstViewFiles(html).map((file) => {
    const bytes = readFileSync(new URL(file, DIST))
    return { file, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length }
  })
}

/** A plain static server of the same folder at /_console/: no framework, no database. */
function startStaticServer() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }
  const server = createHttpServer((request, response) => {
    const path = (request.url ?? '/').replace(/^\/_console\/?/, '').split('?')[0] || 'index.html'
    try {
      const body = gzipSync(readFileSync(new URL(path, DIST)))
      response.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'content-encoding': 'gzip',
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() })
    }),
  )
}

async function startBasalt() {
  const dataDir = mkdtempSync(join(tmpdir(), 'basalt-bench-console-'))
  chmodSync(dataDir, 0o755)
  const config = parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'warn',
    dataDir,
    consoleDir: new URL(DIST).pathname,
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  })
  const server = await createServer(config)
  const url = await server.listen()
  return {
    url,
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Cold loads of /_console/ (fresh browser context: empty cache) until the sign-in form shows;
 * milliseconds from navigation start, with the page's own timing.
 */
async function firstLoads(browser, base) {
  const times = []
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(`${base}/_console/`)
    await page.getByLabel(/email/i).first().waitFor({ state: 'visible' })
    times.push(await page.evaluate(() => performance.now()))
    await context.close()
  }
  return times
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const sizes = bundleSizes()
const js = sizes.filter((entry) => entry.file.endsWith('.js'))
const gzippedJs = js.reduce((sum, entry) => sum + entry.gzipped, 0)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
const basalt = await startBasalt()
const plain = await startStaticServer()
try {
  // One warm-up load each: Chromium's own first start is not the console's cost.
  await firstLoads(browser, basalt.url)
  const [basaltMs, plainMs] = [[], []]
  // Alternating rounds, so that machine noise falls on both sides alike.
  for (let round = 0; round < 3; round++) {
    basaltMs.push(...(await firstLoads(browser, basalt.url)))
    plainMs.push(...(await firstLoads(browser, plain.url)))
  }
  const b = median(basaltMs)
  const p = median(plainMs)
  console.log('first view files (gzip -9):')
  for (const entry of sizes) {
    console.log(`  ${entry.file}: ${entry.bytes} B, ${entry.gzipped} B gzipped`)
  }
  console.log(
    `first-view JavaScript: ${(gzippedJs / 1024).toFixed(1)} KB gzipped ` +
      `(target < ${TARGET_KB} KB: ${gzippedJs / 1024 < TARGET_KB ? 'PASS' : 'MISS'}; ` +
      `${((gzippedJs / 1024 / TARGET_KB) * 100).toFixed(1)}% of the budget)`,
  )
  console.log(
    `first load to the sign-in form, median of ${basaltMs.length} cold loads: ` +
      `Basalt ${b.toFixed(0)} ms, plain static server ${p.toFixed(0)} ms, ` +
      `ratio plain/Basalt ${(p / b).toFixed(2)}x`,
  )
} finally {
  await browser.close()
  plain.close()
  await basalt.close()
}
