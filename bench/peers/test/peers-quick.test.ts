import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const pgUrl = process.env.BASALT_TEST_PG_URL
const redisUrl = process.env.BASALT_TEST_REDIS_URL
const script = fileURLToPath(new URL('../run.mjs', import.meta.url))

const SCENARIOS = [
  '1. get object by id',
  '2. list: filter, sort, limit 20',
  '3. create object',
  '4. sign in (email + password)',
  '5. authenticated get (own user)',
  '6a. upload 1 MB',
  '6b. download 1 MB',
  '7. realtime fan-out',
  '8a. cache get',
  '8b. cache set',
]

/** Runs the benchmark in --quick mode; answers its exit code and output. */
async function runQuick(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, '--quick'], {
    env: { ...process.env, DATABASE_URL: pgUrl, REDIS_URL: redisUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, output }
}

describe.skipIf(!pgUrl || !redisUrl)(
  'bench/peers --quick (skipped without BASALT_TEST_PG_URL and BASALT_TEST_REDIS_URL: embedded-only run)',
  () => {
    it('runs every scenario against Basalt, Parse and the baselines with no failed request', async () => {
      const { code, output } = await runQuick()
      expect(code, output).toBe(0)
      // Table rows: | scenario | target | req/s | p50 | p99 | errors | ...
      const rows = output
        .split('\n')
        .filter((line) => /^\| \d/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()))
      for (const scenario of SCENARIOS) {
        const mine = rows.filter((cells) => cells[1].startsWith(scenario))
        expect(
          mine.map((cells) => cells[2]),
          scenario,
        ).toContain('Basalt')
        for (const cells of mine) {
          expect(cells[6], `${scenario} / ${cells[2]} errors`).toBe('0')
          expect(Number(cells[3].split(' ')[0]), `${scenario} / ${cells[2]} req/s`).toBeGreaterThan(
            0,
          )
        }
      }
      for (const peer of SCENARIOS.slice(0, 7)) {
        expect(
          rows.some((cells) => cells[1].startsWith(peer) && cells[2] === 'Parse'),
          peer,
        ).toBe(true)
      }
      expect(output).toContain('8 scenarios')
      expect(output).toContain('PASS failed requests: 0')
    }, 150_000)
  },
)
