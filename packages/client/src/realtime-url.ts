/** Where the realtime socket connects and how it names its environment (§7.1). */
export interface RealtimeTarget {
  /** The socket.io server URL; `''` when it cannot be derived (realtime is then unusable). */
  realtimeUrl: string
  /** The first label of a 4-label env host, else `''`. */
  subdomain: string
  /** The text after `/e:` (or `/E:`) of a 3-label env URL with a path, else `''`. */
  envId: string
}

/** The env id of a path such as `/e:62a3f/...`, else `''`. */
function envIdOf(path: string): string {
  if (!path.startsWith('/e:') && !path.startsWith('/E:')) return ''
  return (path.split('/')[1] ?? '').split(':')[1]?.trim() ?? ''
}

/** The target of a 3-label host (with or without a path). */
function fromThreeItems(protocol: string, items: string[]): RealtimeTarget {
  const last = items[2]!
  const slash = last.indexOf('/')
  const path = slash === -1 ? '' : last.substring(slash)
  const labels = [...items.slice(0, 2), slash === -1 ? last : last.substring(0, slash)]
  if (slash !== -1 && labels[0] === 'engine') labels[0] = 'realtime'
  else labels.unshift('realtime')
  return { realtimeUrl: protocol + labels.join('.'), subdomain: '', envId: envIdOf(path) }
}

/**
 * The published `parseRealtimeEnvUrl`: the realtime URL derived from the env URL's host, split on
 * `.` (host, port and path together). Anything but 3 or 4 items gives an empty URL.
 */
export function parseRealtimeEnvUrl(envUrl: string): RealtimeTarget {
  const protocol = envUrl.startsWith('https://') ? 'https://' : 'http://'
  const items = envUrl.replace(protocol, '').split('.')
  if (items.length === 4) {
    const subdomain = items[0]!
    const slash = items[3]!.indexOf('/')
    if (slash !== -1) items[3] = items[3]!.substring(0, slash)
    items[0] = 'realtime'
    return { realtimeUrl: protocol + items.join('.'), subdomain, envId: '' }
  }
  if (items.length === 3) return fromThreeItems(protocol, items)
  return { realtimeUrl: '', subdomain: '', envId: '' }
}

/**
 * Basalt: the explicit `realtimeUrl` option wins over the derived URL; `subdomain` and `envId`
 * still come from the env URL.
 */
export function resolveRealtimeTarget(envUrl: string, realtimeUrl?: string): RealtimeTarget {
  const derived = parseRealtimeEnvUrl(envUrl)
  const explicit = realtimeUrl?.trim()
  return explicit ? { ...derived, realtimeUrl: explicit } : derived
}
