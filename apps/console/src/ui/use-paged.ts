import { useEffect, useRef, useState } from 'preact/hooks'
import type { Page } from '../api.js'

export interface Paged<T> {
  data: Page<T> | undefined
  error: unknown
  loading: boolean
  page: number
  setPage(p: number): void
  reload(): void
}

const sameDeps = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((value, i) => Object.is(value, b[i]))

/**
 * Loads one page at a time; when `deps` change (a filter, a search) it goes back to page 1.
 * The last page stays shown while the next one loads; late answers of old requests are dropped.
 */
export function usePaged<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const [page, setPage] = useState(1)
  const [tick, setTick] = useState(0)
  const [data, setData] = useState<Page<T> | undefined>(undefined)
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(true)
  const lastDeps = useRef(deps)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (!sameDeps(lastDeps.current, deps)) {
      lastDeps.current = deps
      if (page !== 1) {
        setPage(1)
        return
      }
    }
    let current = true
    setLoading(true)
    loadRef.current(page).then(
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
  }, [page, tick, ...deps])

  return { data, error, loading, page, setPage, reload: () => setTick((n) => n + 1) }
}
