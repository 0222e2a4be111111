import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HEADERS } from '@basalt/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBuilt, cliEnv, makeTempDir, runCli, spawnCli } from './helpers/cli-process.js'
import type { CliProcess } from './helpers/cli-process.js'

const TIMEOUT = 60_000
const SECRET_LINE = /\n(bck_[\w-]{20,})\n$/
const STARTED = /running at (http:\/\/[\d.]+:\d+) .*\n/
const DEV_KEY = /createClient\('(http[^']+)', '(bck_[\w-]+)'\)/

interface ListedKey {
  id: string
  prefix: string
  name: string
  revokedAt: string | null
}

describe('basalt (the built CLI)', () => {
  let root: string
  let app: string
  const children: CliProcess[] = []

  const listKeys = async (cwd: string, env = cliEnv()) => {
    const result = await runCli(['keys', 'list', '--json'], cwd, env)
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: '' })
    return JSON.parse(result.stdout) as ListedKey[]
  }

  beforeAll(async () => {
    assertBuilt()
    root = await makeTempDir('basalt-cli-')
    app = join(root, 'my-app')
    const init = await runCli(['init', 'my-app'], root)
    expect(init, init.stderr).toMatchObject({ code: 0, stderr: '' })
  })

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop(10_000)))
    await rm(root, { recursive: true, force: true })
  })

  it('init scaffolds a config, a .gitignore and a README', async () => {
    const config = await readFile(join(app, 'basalt.config.ts'), 'utf8')
    expect(config).toContain("import { defineConfig } from 'basalt'")
    expect(config).toContain("name: 'my-app'")
    for (const section of ['models', 'auth', 'storage', 'endpoints', 'queues', 'tasks']) {
      expect(config).toContain(section)
    }
    expect(await readFile(join(app, '.gitignore'), 'utf8')).toBe('.basalt/\n')
    expect(await readFile(join(app, 'README.md'), 'utf8')).toContain('basalt dev')
  })

  it('init refuses a folder that already has a config', async () => {
    const before = await readFile(join(app, 'basalt.config.ts'), 'utf8')
    const again = await runCli(['init', 'my-app'], root)
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(
      `basalt: ${join(app, 'basalt.config.ts')} already exists; init changes nothing\n`,
    )
    expect(await readFile(join(app, 'basalt.config.ts'), 'utf8')).toBe(before)
  })

  it(
    'keys create works with no server running and keys list shows the key',
    { timeout: TIMEOUT },
    async () => {
      const created = await runCli(['keys', 'create', '--type', 'client', '--name', 'web'], app)
      expect(created.stderr).toBe('')
      expect(created.code).toBe(0)
      const secret = created.stdout.match(SECRET_LINE)?.[1]
      expect(secret, created.stdout).toBeDefined()
      const keys = await listKeys(app)
      expect(keys).toContainEqual(
        expect.objectContaining({ name: 'web', prefix: secret!.slice(0, 12) }),
      )
    },
  )

  it('checks key flags before touching the database', async () => {
    const cases: Array<[string[], string]> = [
      [['--type', 'client', '--modules', 'auth,mail'], "--modules: unknown module 'mail'"],
      [['--type', 'api', '--modules', 'auth'], '--modules applies to client keys only'],
      [['--type', 'client', '--expires', 'soon'], '--expires: expected an ISO date'],
      [['--type', 'client', '--rate-limit', '10'], '--rate-limit: expected <max>/<seconds>s'],
      [['--type', 'robot'], "option '--type <type>' argument 'robot' is invalid"],
    ]
    for (const [flags, message] of cases) {
      const result = await runCli(['keys', 'create', ...flags], app)
      expect(result.code).toBe(1)
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1)
      expect(result.stderr).toContain(`basalt: ${message}`)
    }
  })

  it('start with a bad PORT prints one line and exits 1', async () => {
    const result = await runCli(['start'], app, cliEnv({ PORT: 'abc' }))
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: "basalt: PORT: expected a whole number, got 'abc'\n",
    })
  })

  it(
    'start serves, shares its database with keys commands, stops on SIGTERM, keeps data',
    { timeout: 2 * TIMEOUT },
    async () => {
      const dataDir = join(root, 'data')
      const env = cliEnv({ BASALT_DATA_DIR: dataDir })
      const first = spawnCli(['start', '--port', '0', '--log-level', 'warn'], app, env)
      children.push(first)
      const [, url] = await first.waitFor(STARTED)
      expect((await fetch(`${url}/_api/health`)).status).toBe(200)
      const [, clientUrl, devKey] = first.output().match(DEV_KEY) ?? []
      expect(clientUrl).toBe(url)
      expect(devKey).toMatch(/^bck_/)

      // The running server owns the embedded PostgreSQL: keys commands attach to it.
      const created = await runCli(
        ['keys', 'create', '--type', 'client', '--name', 'live'],
        app,
        env,
      )
      expect(created, created.stderr).toMatchObject({ code: 0, stderr: '' })
      const secret = created.stdout.match(SECRET_LINE)![1]!
      const owner = JSON.parse(await readFile(join(dataDir, 'postgres.owner.json'), 'utf8'))
      expect(owner.pid).toBe(first.child.pid)
      const call = () =>
        fetch(`${url}/_api/rest/v1/anything`, { headers: { [HEADERS.clientKey]: secret } })
      expect(await (await call()).json()).toMatchObject({
        errors: [{ code: 'resource_not_found' }],
      })

      const live = (await listKeys(app, env)).find((key) => key.name === 'live')!
      const revoked = await runCli(['keys', 'revoke', live.id], app, env)
      expect(revoked, revoked.stderr).toMatchObject({ code: 0, stderr: '' })
      const refused = await call()
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({ errors: [{ code: 'invalid_client_key' }] })

      expect(await first.stop()).toBe(0)

      const second = spawnCli(['start', '--port', '0', '--log-level', 'warn'], app, env)
      children.push(second)
      const [, secondUrl] = await second.waitFor(STARTED)
      expect(second.output()).not.toMatch(DEV_KEY)
      expect(second.output()).not.toMatch(/development client key/)
      const keys = await listKeys(app, env)
      expect(keys.map((key) => key.name).sort()).toEqual(['development', 'live'])
      expect(keys.find((key) => key.name === 'live')?.revokedAt).not.toBeNull()
      expect((await fetch(`${secondUrl}/_api/health`)).status).toBe(200)
      expect(await second.stop()).toBe(0)
    },
  )

  it('keys revoke names an unknown key', { timeout: TIMEOUT }, async () => {
    const result = await runCli(['keys', 'revoke', 'bck_nothing'], app)
    expect(result).toMatchObject({
      code: 1,
      stderr: "basalt: no key has the id or prefix 'bck_nothing'\n",
    })
  })
})
