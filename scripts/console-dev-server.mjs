#!/usr/bin/env node
// Starts Basalt with the console's demo app and sample data, for working on the admin console:
//   npm run build && node scripts/console-dev-server.mjs [--port 4100]
// Embedded PostgreSQL in a fresh temporary data folder (or BASALT_DEV_DATABASE_URL); the admin
// is admin@example.com / admin-password-1. Ctrl-C stops it and removes the folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import {
  CONSOLE_APP,
  CONSOLE_APP_DIR,
  CONSOLE_DIST,
  DEMO_ADMIN,
  seedConsoleApp,
} from '../apps/console/test/fixture/console-app.mjs'

const portFlag = process.argv.indexOf('--port')
const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 4100
const dataDir = mkdtempSync(join(tmpdir(), 'basalt-console-'))
// As root, the embedded PostgreSQL runs as 'postgres', which must be able to enter the folder.
chmodSync(dataDir, 0o755)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port,
  logLevel: 'info',
  dataDir,
  appDir: CONSOLE_APP_DIR,
  consoleDir: CONSOLE_DIST,
  ...(process.env.BASALT_DEV_DATABASE_URL
    ? { databaseUrl: process.env.BASALT_DEV_DATABASE_URL }
    : {}),
  app: CONSOLE_APP,
})
const server = await createServer(config)
const url = await server.listen()
await server.admins.create(DEMO_ADMIN.email, DEMO_ADMIN.password)
const png = await sharp({
  create: { width: 640, height: 400, channels: 3, background: { r: 40, g: 120, b: 200 } },
})
  .png()
  .toBuffer()
await seedConsoleApp(server, { png })
process.stdout.write(
  `console: ${url}/_console/  (admin ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password})\n`,
)

const stop = async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
