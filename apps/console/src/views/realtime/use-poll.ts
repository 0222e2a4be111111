import { useEffect, useRef, useState } from 'preact/hooks'

/**
 * Loads now, then again `intervalMs` after each answer while `running` (never two requests at
 * once); stops on unmount. A failure is shown and the polling goes on.
 */
export function usePoll<T>(load: () => Promise<T>, intervalMs: number, running: boolean) {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (!running) return
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      try {
        const answer = await loadRef.current()
        if (!live) return
        setData(answer)
        setError(undefined)
        setUpdatedAt(new Date())
      } catch (failure) {
        if (live) setError(failure)
      }
      if (live) timer = setTimeout(() => void tick(), intervalMs)
    }
    void tick()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [running, intervalMs])

  return { data, error, updatedAt }
}
