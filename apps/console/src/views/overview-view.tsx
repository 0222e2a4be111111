import type { AdminApi } from '../api.js'
import { ErrorMessage, Loading, useLoad } from '../ui/index.js'

interface Overview {
  app: { name: string; mode: string; version: string }
  counts: Record<string, number>
}

const COUNTS: { key: string; label: string }[] = [
  { key: 'users', label: 'Users' },
  { key: 'models', label: 'Models' },
  { key: 'buckets', label: 'Buckets' },
  { key: 'files', label: 'Files' },
  { key: 'queues', label: 'Queues' },
  { key: 'tasks', label: 'Tasks' },
  { key: 'keys', label: 'Keys' },
]

/** The app's name, mode and version, and how many of each thing it holds. */
export function OverviewView(props: { api: AdminApi; path: string[] }) {
  const overview = useLoad(() => props.api.get<Overview>('/overview'), [])
  const data = overview.data
  return (
    <section>
      <h1>Overview</h1>
      <ErrorMessage error={overview.error} />
      {overview.loading && !data && <Loading />}
      {data && (
        <div class="stack">
          <div class="card">
            <dl class="props">
              <dt>App</dt>
              <dd>{data.app.name}</dd>
              <dt>Mode</dt>
              <dd>
                <span class="badge badge-accent">{data.app.mode}</span>
              </dd>
              <dt>Basalt version</dt>
              <dd class="mono">{data.app.version}</dd>
            </dl>
          </div>
          <div class="cards">
            {COUNTS.map((count) => (
              <div key={count.key} class="card stat">
                <span class="stat-value">{(data.counts[count.key] ?? 0).toLocaleString()}</span>
                <span class="stat-label">{count.label}</span>
              </div>
            ))}
          </div>
        </div>
      )}
    </section>
  )
}
