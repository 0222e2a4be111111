import { useEffect, useState } from 'preact/hooks'

/** `value`, once it has stayed the same for `delayMs` (for search-as-you-type). */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return settled
}
