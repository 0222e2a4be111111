/** The prefix of every route the Agnost client calls (spec agnost-protocol.md §1.4-1.7). */
export const AGNOST_PREFIX = '/agnost'

/**
 * The `rewriteUrl` of an app whose Agnost base URL is `http(s)://host/<envId>`: a request under
 * `/<envId>/` is routed as if the prefix were absent (`/<envId>` alone becomes `/`).
 */
export function envPrefixRewriter(envId: string): (request: { url?: string }) => string {
  const prefix = `/${envId}`
  return (request) => {
    const url = request.url ?? '/'
    if (!url.startsWith(prefix)) return url
    const rest = url.slice(prefix.length)
    if (rest === '' || rest.startsWith('?')) return `/${rest}`
    return rest.startsWith('/') ? rest : url
  }
}
