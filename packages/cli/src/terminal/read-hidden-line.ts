import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

/** Reads one line typed at the terminal without echoing it (for passwords). */
export function readHiddenLine(prompt: string): Promise<string> {
  process.stdout.write(prompt)
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() })
  const reader = createInterface({ input: process.stdin, output: muted, terminal: true })
  return new Promise((resolve) => {
    reader.question('', (answer) => {
      reader.close()
      process.stdout.write('\n')
      resolve(answer)
    })
  })
}
