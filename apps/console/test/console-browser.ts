import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createTestDatabase } from '../../../test-support/databases.js'
import type { PgTarget, TestDatabase } from '../../../test-support/databases.js'
import {
  CONSOLE_APP,
  CONSOLE_APP_DIR,
  CONSOLE_DIST,
  DEMO_ADMIN,
  seedConsoleApp,
} from './fixture/console-app.mjs'

/** Where the end-to-end tests keep their screenshots (CI keeps test-results/). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'console')

const CHROMIUM = '/usr/bin/chromium'
// Without the background-networking flags Chromium keeps dialing Google, which this network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A listening server with the demo app and sample data, and a headless Chromium. */
export interface ConsoleRig {
  server: BasaltServer
  url: string
  browser: Browser
  close(): Promise<void>
}

/** Starts the demo app on a fresh database of `target`, then Chromium. */
export async function startConsoleRig(target: PgTarget): Promise<ConsoleRig> {
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) {
    throw new Error('the console is not built: run `npm run build` (npm test does it)')
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`)
  await mkdir(SCREENSHOTS, { recursive: true })
  const database: TestDatabase = await createTestDatabase(target)
  const dataDir = await mkdtemp(join(tmpdir(), 'basalt-console-e2e-'))
  await chmod(dataDir, 0o755)
  const config = parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'warn',
    dataDir,
    databaseUrl: database.url,
    appDir: CONSOLE_APP_DIR,
    consoleDir: CONSOLE_DIST,
    app: CONSOLE_APP,
  })
  const server = await createServer(config)
  const url = await server.listen()
  await server.admins.create(DEMO_ADMIN.email, DEMO_ADMIN.password)
  const png = await sharp({
    create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 60, b: 40 } },
  })
    .png()
    .toBuffer()
  await seedConsoleApp(server, { png })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  return {
    server,
    url,
    browser,
    close: async () => {
      await browser.close()
      await server.close()
      await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

let admins = 0

/**
 * A new page (own context: own sessionStorage) at a viewport width, signed in through the form
 * as a fresh admin (sign-in attempts are rate-limited per email).
 */
export async function signedInPage(rig: ConsoleRig, width = 1280): Promise<Page> {
  const email = `admin${++admins}@example.com`
  await rig.server.admins.create(email, DEMO_ADMIN.password)
  const context = await rig.browser.newContext({ viewport: { width, height: 860 } })
  const page = await context.newPage()
  await page.goto(`${rig.url}/_console/`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  return page
}

/** Saves a screenshot of the page under test-results/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
