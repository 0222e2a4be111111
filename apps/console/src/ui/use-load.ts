import { useEffect, useRef, useState } from 'preact/hooks'

export interface Loaded<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload(): void
  /** Replaces the data shown (after a write answered the new value). */
  setData(data: T): void
}

/** Loads one value when `deps` change (and on `reload`); late answers of old requests are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [tick, setTick] = useState(0)
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(true)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    let current = true
    setLoading(true)
    loadRef.current().then(
      (answer) => {
        if (!current) return
        setData(answer)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (!current) return
        setError(failure)
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
  }, [tick, ...deps])

  return { data, error, loading, reload: () => setTick((n) => n + 1), setData }
}
