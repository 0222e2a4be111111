import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JitiHandlerLoader, parseSpec } from '../src/adapters/code/jiti/jiti-handler-loader.js'
import { ENDPOINTS_APP_DIR } from './endpoints-app.js'

describe('JitiHandlerLoader', () => {
  const loader = new JitiHandlerLoader(ENDPOINTS_APP_DIR)

  it('reads file#export specs', () => {
    expect(parseSpec('a/b.ts')).toEqual({ file: 'a/b.ts', exportName: 'default' })
    expect(parseSpec('a/b.ts#run')).toEqual({ file: 'a/b.ts', exportName: 'run' })
  })

  it('loads a default export and a named export of a TypeScript module', async () => {
    expect(typeof (await loader.load('handlers/altogic-order.ts'))).toBe('function')
    const hello = (await loader.load('handlers/basics.ts#hello')) as unknown as (
      c: object,
    ) => string
    expect(hello({ request: { params: { name: 'x' } } })).toBe('hello x')
  })

  it('says clearly when a module or export is missing or not a function', async () => {
    await expect(loader.load('handlers/none.ts')).rejects.toThrow(/does not exist/)
    await expect(loader.load('handlers/basics.ts#nope')).rejects.toThrow(
      /no function as an export 'nope'/,
    )
    await expect(loader.load('handlers/basics.ts#notAFunction')).rejects.toThrow(/no function/)
    await expect(loader.load('handlers/basics.ts')).rejects.toThrow(/a default export/)
  })

  it('refuses modules outside the app folder', async () => {
    await expect(loader.load('../endpoints-app.ts')).rejects.toThrow(/inside the app folder/)
    await expect(loader.load('/etc/passwd')).rejects.toThrow(/inside the app folder/)
  })

  it('loads a changed module afresh with reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basalt-loader-'))
    const file = join(dir, 'h.ts')
    const fresh = new JitiHandlerLoader(dir, { reload: true })
    writeFileSync(file, 'export default (): number => 1\n')
    expect(((await fresh.load('h.ts')) as unknown as () => number)()).toBe(1)
    writeFileSync(file, 'export default (): number => 2\n')
    expect(((await fresh.load('h.ts')) as unknown as () => number)()).toBe(2)
  })

  it('loads a module once without reload, and keeps no failed load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'basalt-loader-'))
    const file = join(dir, 'h.ts')
    const cached = new JitiHandlerLoader(dir)
    await expect(cached.load('h.ts')).rejects.toThrow('does not exist')
    writeFileSync(file, 'export default (): number => 1\n')
    const first = await cached.load('h.ts')
    writeFileSync(file, 'export default (): number => 2\n')
    const second = await cached.load('h.ts')
    expect(second).toBe(first)
    expect((second as unknown as () => number)()).toBe(1)
  })
})
