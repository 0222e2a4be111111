// Fails (exit 1) when the external PostgreSQL or Redis named for the tests cannot be reached, or
// Chromium for the console's browser tests is missing:
// CI must not quietly skip the suites that run against them.
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import net from 'node:net'

const targets = [
  ['BASALT_TEST_PG_URL', process.env.BASALT_TEST_PG_URL],
  ['BASALT_TEST_REDIS_URL', process.env.BASALT_TEST_REDIS_URL],
]

function reach(url) {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 5000 })
    socket.on('connect', () => {
      socket.end()
      resolve()
    })
    socket.on('timeout', () => reject(new Error('timed out')))
    socket.on('error', reject)
  })
}

let failed = false
// The admin console's end-to-end tests run in Debian's Chromium.
try {
  await access('/usr/bin/chromium', constants.X_OK)
  console.log('chromium: /usr/bin/chromium is installed')
} catch {
  console.error('chromium: /usr/bin/chromium is missing (apt-get install chromium)')
  failed = true
}
for (const [name, url] of targets) {
  if (!url) {
    console.error(`${name} is not set`)
    failed = true
    continue
  }
  try {
    await reach(url)
    console.log(`${name}: ${url} answers`)
  } catch (error) {
    console.error(`${name}: ${url} cannot be reached (${error.message})`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
