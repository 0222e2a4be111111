import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { CACHE_PAGE_SIZE, type CacheKey } from './cache-types.js'

type Cursor = string | number | null

/** The keys matching `pattern`, a page at a time by cursor; `loadMore` appends the next page. */
export function useKeyScan(api: AdminApi, pattern: string) {
  const [items, setItems] = useState<CacheKey[]>([])
  const [cursor, setCursor] = useState<Cursor>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>(undefined)
  const [tick, setTick] = useState(0)
  const generation = useRef(0)

  const fetchPage = async (from: Cursor, reset: boolean) => {
    const mine = ++generation.current
    setLoading(true)
    setError(undefined)
    try {
      const page = await api.get<{ items: CacheKey[]; cursor: Cursor }>('/cache/keys', {
        pattern,
        cursor: from,
        size: CACHE_PAGE_SIZE,
      })
      if (mine !== generation.current) return
      // A scan may repeat a key across pages: keep the first.
      setItems((old) => {
        const base = reset ? [] : old
        const seen = new Set(base.map((item) => item.key))
        return [...base, ...page.items.filter((item) => !seen.has(item.key))]
      })
      setCursor(page.cursor ?? null)
    } catch (failure) {
      if (mine === generation.current) setError(failure)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }

  useEffect(() => {
    setItems([])
    setCursor(null)
    void fetchPage(null, true)
  }, [api, pattern, tick])

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null && cursor !== '' && cursor !== '0',
    loadMore: () => void fetchPage(cursor, false),
    reload: () => setTick((n) => n + 1),
    /** Shows a saved key's TTL (adding the key when it is new). */
    upsert: (entry: CacheKey) =>
      setItems((old) =>
        old.some((item) => item.key === entry.key)
          ? old.map((item) => (item.key === entry.key ? entry : item))
          : [entry, ...old],
      ),
    remove: (key: string) => setItems((old) => old.filter((item) => item.key !== key)),
  }
}
