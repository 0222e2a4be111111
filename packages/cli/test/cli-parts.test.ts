import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BasaltError, ConfigError, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { KeyRecord } from '@basalt/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { flagsToArgs } from '../src/commands/app-options.js'
import { createdMessage } from '../src/commands/keys-create.js'
import { startedMessage } from '../src/commands/start.js'
import { loadConfigFile } from '../src/config/load-config-file.js'
import { isIgnoredPath, watchTree } from '../src/dev/watch-tree.js'
import { CliError, errorLines } from '../src/errors.js'
import { formatKeyTable, keyRules, keyStatus } from '../src/keys/format-keys.js'

const NOW = new Date('2030-01-01T00:00:00Z')
const key = (overrides: Partial<KeyRecord> = {}): KeyRecord => ({
  id: '6b0400b108c5a8dbb65ccd38',
  type: 'client',
  name: 'web',
  prefix: 'bck_Ke90Qu6I',
  createdAt: new Date('2029-12-01T10:00:00Z'),
  expiresAt: null,
  revokedAt: null,
  domains: [],
  modules: ['auth', 'db', 'storage', 'cache', 'queue', 'task', 'realtime', 'endpoint'],
  enforceSession: false,
  rateLimit: null,
  access: 'full',
  endpoints: [],
  ...overrides,
})

describe('error lines', () => {
  it('prints one basalt: line per failure, one per ConfigError problem', () => {
    expect(errorLines(new CliError('no key'))).toEqual(['basalt: no key'])
    expect(errorLines(new ConfigError(['PORT: bad', 'HOST: bad']))).toEqual([
      'basalt: PORT: bad',
      'basalt: HOST: bad',
    ])
    expect(errorLines(new BasaltError('validation_error', 'A key needs a name.'))).toEqual([
      'basalt: A key needs a name.',
    ])
    expect(errorLines('thrown text')).toEqual(['basalt: thrown text'])
  })

  it('explains a busy port, and shows stacks only in debug', () => {
    const busy = Object.assign(new Error('listen EADDRINUSE: address already in use :::4000'), {
      code: 'EADDRINUSE',
    })
    expect(errorLines(busy)).toEqual([
      'basalt: EADDRINUSE: address already in use :::4000; choose another port with --port or PORT',
    ])
    const lines = errorLines(new CliError('outer', { cause: new Error('inner') }), true)
    expect(lines[0]).toBe('basalt: outer')
    expect(lines.slice(1).join('\n')).toMatch(/CliError: outer[\s\S]*Error: inner/)
  })
})

describe('key output', () => {
  it('tells status and rules of each key', () => {
    expect(keyStatus(key(), NOW)).toBe('active')
    expect(keyStatus(key({ revokedAt: NOW }), NOW)).toBe('revoked')
    expect(keyStatus(key({ expiresAt: new Date('2029-01-01') }), NOW)).toBe('expired')
    expect(keyRules(key())).toBe('modules: all')
    expect(
      keyRules(
        key({
          modules: ['auth'],
          enforceSession: true,
          rateLimit: { max: 5, windowSeconds: 60 },
          domains: ['a.com'],
        }),
      ),
    ).toBe('modules: auth; session enforced; rate: 5/60s; domains: a.com')
    expect(keyRules(key({ type: 'api', access: 'allow', endpoints: ['/a', '/b/*'] }))).toBe(
      'access: allow /a,/b/*',
    )
  })

  it('lists keys as an aligned table', () => {
    expect(formatKeyTable([], NOW)).toBe('No keys.\n')
    const lines = formatKeyTable([key(), key({ name: 'a-longer-name', type: 'api' })], NOW)
      .trimEnd()
      .split('\n')
    expect(lines[0]).toMatch(/^ID +TYPE +NAME +PREFIX +STATUS +EXPIRES +CREATED +RULES$/)
    expect(lines[1]).toContain('web            bck_Ke90Qu6I  active  never    2029-12-01 10:00')
    expect(lines).toHaveLength(3)
  })

  it('prints the created secret alone on the last line', () => {
    const out = createdMessage({ secret: 'bck_secret', record: key() })
    expect(out.endsWith('\nbck_secret\n')).toBe(true)
  })
})

describe('start output', () => {
  const config = parseServerConfig({ ...DEFAULT_CONFIG, dataDir: '/d', app: { name: 'shop' } })

  it('prints the URL, and the development key with a createClient line on a first start', () => {
    expect(startedMessage('http://127.0.0.1:4000', config)).toBe(
      "Basalt app 'shop' is running at http://127.0.0.1:4000 (development, data: /d)\n",
    )
    const first = startedMessage('http://127.0.0.1:4000', config, 'bck_abc')
    expect(first).toContain("createClient('http://127.0.0.1:4000', 'bck_abc')")
    expect(first).toMatch(/development client key/)
  })

  it('names the admin console when it is served', () => {
    const withConsole = parseServerConfig({ ...DEFAULT_CONFIG, dataDir: '/d', consoleDir: '/c' })
    expect(startedMessage('http://127.0.0.1:4000', withConsole)).toContain(
      'Admin console: http://127.0.0.1:4000/_console/',
    )
  })
})

describe('dev helpers', () => {
  it('hands parsed flags on as arguments', () => {
    expect(flagsToArgs({ dir: '/a', port: '0', logLevel: 'warn' })).toEqual([
      '--dir',
      '/a',
      '--port',
      '0',
      '--log-level',
      'warn',
    ])
  })

  it('ignores dotfiles, node_modules and the data folder', () => {
    expect(isIgnoredPath('basalt.config.ts')).toBe(false)
    expect(isIgnoredPath('src/models/user.ts')).toBe(false)
    expect(isIgnoredPath('.basalt/postgres/base/1')).toBe(true)
    expect(isIgnoredPath('.git/index')).toBe(true)
    expect(isIgnoredPath('src/.user.ts.swp')).toBe(true)
    expect(isIgnoredPath('node_modules/x/index.js')).toBe(true)
    expect(isIgnoredPath('data/postgres/pg_wal', ['data'])).toBe(true)
    expect(isIgnoredPath('database.ts', ['data'])).toBe(false)
  })
})

describe('files', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'basalt-cli-parts-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('loads a TypeScript config importing basalt, a JSON one, and refuses two', async () => {
    const ts = join(dir, 'ts')
    await mkdir(ts)
    await writeFile(
      join(ts, 'basalt.config.ts'),
      "import { defineConfig } from 'basalt'\nconst name: string = 'typed'\nexport default defineConfig({ name })\n",
    )
    expect(await loadConfigFile(ts)).toEqual({
      path: join(ts, 'basalt.config.ts'),
      config: { name: 'typed' },
    })
    await writeFile(join(ts, 'basalt.config.json'), '{"name":"json"}')
    await expect(loadConfigFile(ts)).rejects.toThrow(
      `${ts} has basalt.config.ts and basalt.config.json; keep only one config file`,
    )
    await rm(join(ts, 'basalt.config.ts'))
    expect((await loadConfigFile(ts))?.config).toEqual({ name: 'json' })
    expect(await loadConfigFile(dir)).toBeUndefined()
  })

  it('reports a config file that does not parse on one line with its location', async () => {
    const bad = join(dir, 'bad')
    await mkdir(bad)
    await writeFile(join(bad, 'basalt.config.mjs'), 'export default {\n')
    await expect(loadConfigFile(bad)).rejects.toThrow(/^could not load basalt.config.mjs: .+/)
  })

  it('watches folders for changes, skipping ignored ones', async () => {
    const root = join(dir, 'watched')
    await mkdir(join(root, 'node_modules'), { recursive: true })
    await mkdir(join(root, 'src'))
    const seen: string[] = []
    let changed!: () => void
    const second = new Promise<void>((resolve) => (changed = resolve))
    const watcher = watchTree(
      root,
      (path) => isIgnoredPath(path),
      (path) => {
        seen.push(path)
        if (path === join('src', 'b.ts')) changed()
      },
    )
    await watcher.ready
    await writeFile(join(root, 'node_modules', 'a.js'), 'ignored')
    await writeFile(join(root, 'src', 'b.ts'), 'seen')
    await second
    watcher.close()
    expect(seen.every((path) => path === join('src', 'b.ts'))).toBe(true)
  })
})
