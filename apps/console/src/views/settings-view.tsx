import type { AdminApi } from '../api.js'
import { ErrorMessage, Loading, useLoad } from '../ui/index.js'
import { SettingsSection } from './settings/settings-section.js'

const SECTIONS: { key: string; label: string }[] = [
  { key: 'server', label: 'Server' },
  { key: 'auth', label: 'Authentication' },
  { key: 'mail', label: 'Mail' },
  { key: 'sms', label: 'SMS' },
  { key: 'oauth', label: 'OAuth providers' },
  { key: 'storage', label: 'Storage' },
  { key: 'rateLimits', label: 'Rate limits' },
]

/** The configuration, read-only, section by section (secrets are never sent). */
export function SettingsView(props: { api: AdminApi; path: string[] }) {
  const settings = useLoad(() => props.api.get<Record<string, unknown>>('/settings'), [])
  const data = settings.data
  const known = new Set(SECTIONS.map((section) => section.key))
  const extra = data ? Object.keys(data).filter((key) => !known.has(key)) : []
  return (
    <section>
      <h1>Settings</h1>
      <p class="muted">
        Read-only: each setting comes from basalt.config.ts, an environment variable or a flag of{' '}
        <code>basalt start</code>, as shown. Secrets are never shown, only whether they are set.
      </p>
      <ErrorMessage error={settings.error} />
      {settings.loading && !data && <Loading />}
      {data && (
        <div class="stack">
          {[...SECTIONS, ...extra.map((key) => ({ key, label: key }))]
            .filter((section) => data[section.key] !== undefined)
            .map((section) => (
              <SettingsSection
                key={section.key}
                title={section.label}
                settings={data[section.key]}
              />
            ))}
        </div>
      )}
    </section>
  )
}
