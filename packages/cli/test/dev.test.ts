import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, cliEnv, makeTempDir, runCli, spawnCli } from './helpers/cli-process.js'
import type { CliProcess } from './helpers/cli-process.js'

describe('basalt dev', () => {
  let root: string
  let dev: CliProcess | undefined

  beforeAll(async () => {
    assertBuilt()
    root = await makeTempDir('basalt-dev-')
    const init = await runCli(['init', 'watched'], root)
    expect(init, init.stderr).toMatchObject({ code: 0, stderr: '' })
  })

  afterAll(async () => {
    await dev?.stop(10_000)
    await rm(root, { recursive: true, force: true })
  })

  it(
    'restarts the server with the new config after an edit, and stops on SIGTERM',
    { timeout: 90_000 },
    async () => {
      const app = join(root, 'watched')
      const env = cliEnv({ BASALT_DATA_DIR: join(root, 'data') })
      dev = spawnCli(['dev', '--port', '0', '--log-level', 'warn'], app, env)
      await dev.waitFor(/Basalt app 'watched' is running at http/)
      const config = join(app, 'basalt.config.ts')
      await writeFile(config, (await readFile(config, 'utf8')).replace("'watched'", "'renamed'"))
      const [, url] = await dev.waitFor(/Basalt app 'renamed' is running at (http:\/\/[\d.:]+)/)
      expect((await fetch(`${url}/_api/health`)).status).toBe(200)
      expect(await dev.stop()).toBe(0)
      // The forwarded signal stopped the child too: its server no longer answers.
      await expect(fetch(`${url}/_api/health`)).rejects.toThrow()
    },
  )
})
