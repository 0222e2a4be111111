import { useState } from 'preact/hooks'

export interface Action<A extends unknown[]> {
  busy: boolean
  error: unknown
  run(...args: A): Promise<boolean>
  clear(): void
}

/** Runs a write with a busy flag and keeps its error; `run` answers whether it succeeded. */
export function useAction<A extends unknown[]>(act: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const run = async (...args: A) => {
    setBusy(true)
    setError(undefined)
    try {
      await act(...args)
      return true
    } catch (failure) {
      setError(failure)
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, clear: () => setError(undefined) }
}
