import { useEffect, useState } from 'preact/hooks'

export interface Route {
  view: string
  path: string[]
}

/** Splits `#/<view>/<a>/<b>` into the view name and its decoded segments. */
export function parseHash(hash: string): Route {
  const segments = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
  return { view: segments[0] ?? 'overview', path: segments.slice(1) }
}

/** Builds a hash link from segments, each encoded: `href('data', 'posts', id)`. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`
}

/** The current route, following `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash))
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash))
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return route
}
