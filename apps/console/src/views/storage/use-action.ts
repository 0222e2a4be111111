import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

/** The state of one-at-a-time actions: which one is running, and the last failure. */
export interface Action {
  /** The key of the action under way (to mark its button busy), or null. */
  busy: string | null
  error: unknown
  /** Runs `work` under `key`; its failure lands in `error` and resolves to undefined. */
  run<T>(key: string, work: () => Promise<T>): Promise<T | undefined>
  clearError(): void
}

/** Tracks busy state and errors of the buttons of a view (no state update after unmount). */
export function useAction(): Action {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const mounted = useRef(true)
  useEffect(
    () => () => {
      mounted.current = false
    },
    [],
  )
  const run = useCallback(async <T>(key: string, work: () => Promise<T>) => {
    setBusy(key)
    setError(null)
    try {
      return await work()
    } catch (failure) {
      if (mounted.current) setError(failure)
      return undefined
    } finally {
      if (mounted.current) setBusy(null)
    }
  }, [])
  const clearError = useCallback(() => setError(null), [])
  return { busy, error, run, clearError }
}
