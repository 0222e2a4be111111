import { useEffect, useRef, useState } from 'preact/hooks'

/** Loads one value (a whole, unpaged list) when `deps` change or on `reload()`. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
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
  return { data, error, loading, reload: () => setTick((n) => n + 1) }
}
