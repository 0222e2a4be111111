import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { useAction } from '../storage/use-action.js'
import type { TaskRun } from './jobs-types.js'

/** "Run now": starts a run of a task, says so, then calls `onStarted`. */
export function useRunTask(api: AdminApi, onStarted: (run: TaskRun) => void) {
  const action = useAction()
  const [notice, setNotice] = useState('')
  const run = async (name: string) => {
    setNotice('')
    const started = await action.run(`run:${name}`, () =>
      api.post<TaskRun>(`/tasks/${encodeURIComponent(name)}/run`),
    )
    if (!started) return
    setNotice(`Started a run of ${name}.`)
    onStarted(started)
  }
  return { run, notice, busy: action.busy, error: action.error }
}
