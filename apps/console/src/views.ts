import type { FunctionComponent } from 'preact'
import type { AdminApi } from './api.js'
import { CacheView } from './views/cache-view.js'
import { DataView } from './views/data-view.js'
import { JobsView } from './views/jobs-view.js'
import { KeysView } from './views/keys-view.js'
import { LogsView } from './views/logs-view.js'
import { OutboxView } from './views/outbox-view.js'
import { OverviewView } from './views/overview-view.js'
import { RealtimeView } from './views/realtime-view.js'
import { SettingsView } from './views/settings-view.js'
import { StorageView } from './views/storage-view.js'
import { UsersView } from './views/users-view.js'

export interface ViewProps {
  api: AdminApi
  path: string[]
}

export interface ViewEntry {
  name: string
  label: string
  component: FunctionComponent<ViewProps>
}

/** The console's views, in navigation order; `#/<name>/...` shows each. */
export const VIEWS: ViewEntry[] = [
  { name: 'overview', label: 'Overview', component: OverviewView },
  { name: 'data', label: 'Data', component: DataView },
  { name: 'users', label: 'Users', component: UsersView },
  { name: 'storage', label: 'Storage', component: StorageView },
  { name: 'jobs', label: 'Queues & tasks', component: JobsView },
  { name: 'cache', label: 'Cache', component: CacheView },
  { name: 'realtime', label: 'Realtime', component: RealtimeView },
  { name: 'keys', label: 'Keys', component: KeysView },
  { name: 'outbox', label: 'Outbox', component: OutboxView },
  { name: 'logs', label: 'Logs', component: LogsView },
  { name: 'settings', label: 'Settings', component: SettingsView },
]
