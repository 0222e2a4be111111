import { DataTable, formatValue } from '../../ui/index.js'

/** One setting as `GET /settings` answers it; a secret has no value, only whether it is set. */
export interface Setting {
  name: string
  value?: unknown
  secret?: true
  set?: boolean
  /** Its path in basalt.config.ts. */
  config?: string
  /** Its environment variable. */
  env?: string
  /** Its `basalt start` option. */
  flag?: string
}

/** Where a setting is set, in words. */
function sources(setting: Setting) {
  const parts: string[] = []
  if (setting.config) parts.push(`basalt.config.ts: ${setting.config}`)
  if (setting.env) parts.push(`env ${setting.env}`)
  if (setting.flag) parts.push(`flag ${setting.flag}`)
  return parts.join(' · ') || '—'
}

function SettingValue(props: { setting: Setting }) {
  const { setting } = props
  if (setting.secret) {
    return setting.set ? (
      <span class="badge badge-ok">set (hidden)</span>
    ) : (
      <span class="badge">not set</span>
    )
  }
  if (setting.value === null || setting.value === undefined)
    return <span class="muted">not set</span>
  if (Array.isArray(setting.value) && setting.value.length === 0) {
    return <span class="muted">none</span>
  }
  return <span class="mono">{formatValue(setting.value)}</span>
}

/** One section of the settings: name, value, and where each is set. */
export function SettingsSection(props: { title: string; settings: unknown }) {
  const settings = Array.isArray(props.settings) ? (props.settings as Setting[]) : []
  return (
    <section aria-labelledby={`settings-${props.title}`}>
      <h2 id={`settings-${props.title}`}>{props.title}</h2>
      {Array.isArray(props.settings) ? (
        <DataTable
          label={props.title}
          columns={[
            { key: 'name', label: 'Setting' },
            { key: 'value', label: 'Value', render: (s: Setting) => <SettingValue setting={s} /> },
            {
              key: 'source',
              label: 'Set by',
              render: (s: Setting) => <span class="muted">{sources(s)}</span>,
            },
          ]}
          rows={settings}
          rowKey={(s) => s.name}
          empty="Nothing configured."
        />
      ) : (
        <pre>{JSON.stringify(props.settings, null, 2)}</pre>
      )}
    </section>
  )
}
