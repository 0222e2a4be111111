// The app of the functions benchmark: a temporary app folder with one handler module. Basalt
// loads it with jiti as `handlers/bench.ts` (apps write TypeScript); the bare Fastify server
// imports the same source, saved as `handlers/bench.mjs`, natively.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const HANDLER_FILE = 'handlers/bench.ts'
export const BARE_HANDLER_FILE = 'handlers/bench.mjs'

const HANDLERS = `// Written by bench/functions/app.mjs.
export const hello = () => ({ hello: 'world' })
export const work = async () => ({ done: true })
`

/** Writes the handler module into `appDir` (created if needed), as .ts and as .mjs. */
export async function writeApp(appDir) {
  await mkdir(join(appDir, 'handlers'), { recursive: true })
  await writeFile(join(appDir, HANDLER_FILE), HANDLERS)
  await writeFile(join(appDir, BARE_HANDLER_FILE), HANDLERS)
}

/** The app section Basalt runs with: GET /hello, and with `concurrency` the queue `bench`. */
export function appConfig(concurrency) {
  return {
    name: 'bench-functions',
    endpoints: [{ method: 'GET', path: '/hello', handler: `${HANDLER_FILE}#hello` }],
    ...(concurrency
      ? { queues: { bench: { handler: `${HANDLER_FILE}#work`, concurrency, retries: 0 } } }
      : {}),
  }
}
