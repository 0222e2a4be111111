import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'

/** A child process kept running: restarted on demand, stopped with the parent. */
export interface Supervisor {
  restart(reason: string): void
  /** Forwards a signal; the parent exits with the child's exit code. */
  stop(signal: NodeJS.Signals): void
}

/**
 * Runs `execPath args` and restarts it on demand, one at a time: the old child must exit
 * (and release the data folder) before the next starts. A child that exits on its own is
 * restarted at the next change rather than at once, so a crash does not loop.
 */
export function supervise(args: string[], log: (line: string) => void): Supervisor {
  let child: ChildProcess | undefined
  let restarting = false
  let stopping: NodeJS.Signals | undefined
  const start = () => {
    // Its own process group: Ctrl+C reaches only this parent, which forwards it once (a second
    // SIGINT would force the child out). The IPC channel lets the child notice if we die.
    const started = spawn(process.execPath, args, {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    })
    child = started
    started.on('error', (error) => log(`could not start the server: ${error.message}`))
    started.on('exit', (code, signal) => {
      child = undefined
      // Killed by the very signal we forwarded (before it could set up its handlers): a clean stop.
      if (stopping) process.exit(code ?? (signal === stopping ? 0 : 1))
      if (restarting) {
        restarting = false
        return start()
      }
      log(`the server exited (${code ?? signal}); waiting for a change to restart it`)
    })
  }
  start()
  return {
    restart(reason) {
      if (stopping || restarting) return
      log(`${reason} changed, restarting`)
      if (!child) return start()
      restarting = true
      child.kill('SIGTERM')
    },
    stop(signal) {
      stopping = signal
      if (!child) process.exit(0)
      child.kill(signal)
    },
  }
}
