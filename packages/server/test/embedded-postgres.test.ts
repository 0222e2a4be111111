import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../src/adapters/database/embedded/embedded-postgres.js'
import type { EmbeddedHandle } from '../src/adapters/database/embedded/embedded-postgres.js'
import { isProcessAlive } from '../src/tools/process.js'

const DIST_EMBEDDED = fileURLToPath(
  new URL('../dist/adapters/database/embedded/embedded-postgres.js', import.meta.url),
)

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

describe('embedded PostgreSQL', () => {
  let dataDir: string
  const handles: EmbeddedHandle[] = []
  const start = async (mode: 'own' | 'attach' = 'own') => {
    const handle = await startEmbeddedPostgres({ dataDir, mode })
    handles.push(handle)
    return handle
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'basalt-embedded-'))
    await chmod(dataDir, 0o755)
  })
  afterEach(async () => {
    for (const handle of handles.splice(0).reverse()) await handle.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('keeps its data and password across a restart', async () => {
    const first = await start()
    await sql(first.connectionString, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)')
    const password = await readFile(join(dataDir, 'postgres.password'), 'utf8')
    expect((await stat(join(dataDir, 'postgres.password'))).mode & 0o777).toBe(0o600)
    await first.stop()
    handles.length = 0

    const second = await start()
    expect(await sql(second.connectionString, 'SELECT n FROM kept')).toEqual([{ n: 42 }])
    expect(await readFile(join(dataDir, 'postgres.password'), 'utf8')).toBe(password)
  })

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    const first = await start()
    await first.stop()
    handles.length = 0
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid')
    await writeFile(pidFile, `999999\n${join(dataDir, 'postgres')}\n0\n5999\n\n`)
    const second = await start()
    expect(await sql(second.connectionString, 'SELECT 1 AS one')).toEqual([{ one: 1 }])
  })

  it('refuses a second owner but lets a command attach to the running server', async () => {
    const owner = await start()
    await expect(start('own')).rejects.toThrow(/already running on the data folder/)
    const attached = await start('attach')
    expect(attached.owned).toBe(false)
    expect(attached.connectionString).toBe(owner.connectionString)
    expect(await sql(attached.connectionString, 'SELECT 2 AS two')).toEqual([{ two: 2 }])
  })

  it('recovers after its Basalt process is killed with SIGKILL', async () => {
    const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(DIST_EMBEDDED)})
      const handle = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, mode: 'own' })
      console.log(handle.connectionString)
      setInterval(() => {}, 1000)`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
      child.on('exit', (code) => reject(new Error(`child exited with ${code}`)))
    })
    await sql(url, 'CREATE TABLE survived (n int); INSERT INTO survived VALUES (7)')
    const orphanPid = Number(
      (await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    )
    const exited = new Promise((resolve) => child.on('exit', resolve))
    child.kill('SIGKILL')
    await exited
    expect(isProcessAlive(orphanPid)).toBe(true) // PostgreSQL outlives the killed process

    const next = await start()
    expect(isProcessAlive(orphanPid)).toBe(false)
    expect(await sql(next.connectionString, 'SELECT n FROM survived')).toEqual([{ n: 7 }])
  })

  // Only root hands PostgreSQL to another user, so only root can meet this.
  it.runIf(process.getuid?.() === 0)(
    'explains a data folder the postgres user cannot enter',
    async () => {
      const locked = await mkdtemp(join(dataDir, 'locked-')) // mode 0700
      await expect(
        startEmbeddedPostgres({ dataDir: join(locked, 'data'), mode: 'own' }),
      ).rejects.toThrow(/cannot enter .*locked-/)
    },
  )
})
