import { useState } from 'preact/hooks'
import { ApiError } from '../../api.js'
import { Button, ErrorMessage, Field } from '../../ui/index.js'
import type { AccessMode } from './key-types.js'
import { ACCESS_MODES, MODULES } from './key-types.js'

/** Text lines or comma-separated parts, trimmed, empties left out. */
const splitList = (text: string) =>
  text
    .split(/[\n,]/)
    .map((part) => part.trim())
    .filter(Boolean)

interface KeyDraft {
  type: 'client' | 'api'
  name: string
  modules: string[]
  domains: string
  enforceSession: boolean
  rateMax: string
  rateWindow: string
  access: AccessMode
  endpoints: string
  expiresAt: string
}

const EMPTY: KeyDraft = {
  type: 'client',
  name: '',
  modules: [...MODULES],
  domains: '',
  enforceSession: false,
  rateMax: '',
  rateWindow: '60',
  access: 'full',
  endpoints: '',
  expiresAt: '',
}

/** The body of `POST /keys` for a draft; only the fields of its key type. */
function toBody(draft: KeyDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { type: draft.type }
  if (draft.name.trim()) body.name = draft.name.trim()
  const domains = splitList(draft.domains)
  if (domains.length) body.domains = domains
  if (draft.expiresAt) body.expiresAt = new Date(draft.expiresAt).toISOString()
  if (draft.type === 'client') {
    body.modules = draft.modules
    if (draft.enforceSession) body.enforceSession = true
    if (draft.rateMax.trim()) {
      body.rateLimit = { max: Number(draft.rateMax), windowSeconds: Number(draft.rateWindow) }
    }
  } else {
    body.access = draft.access
    if (draft.access === 'allow' || draft.access === 'deny')
      body.endpoints = splitList(draft.endpoints)
  }
  return body
}

/** The fields of a new key; `onCreate` sends them, its validation error shows at its field. */
export function CreateKeyForm(props: {
  onCreate: (body: Record<string, unknown>) => Promise<unknown>
  onCancel: () => void
}) {
  const [draft, setDraft] = useState<KeyDraft>(EMPTY)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const set = (patch: Partial<KeyDraft>) => setDraft((old) => ({ ...old, ...patch }))
  const field = error instanceof ApiError ? String(error.details?.field ?? '') : ''
  const at = (...names: string[]) =>
    names.some((name) => field === name || field.startsWith(`${name}.`))
      ? (error as Error).message
      : undefined
  const shown = ['name', 'modules', 'domains', 'rateLimit', 'access', 'endpoints', 'expiresAt']
  const elsewhere = !shown.some((name) => at(name))

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await props.onCreate(toBody(draft))
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const listed = draft.access === 'allow' || draft.access === 'deny'
  return (
    <form class="stack" onSubmit={submit}>
      <fieldset>
        <legend>Type</legend>
        <div class="row">
          <label class="check">
            <input
              type="radio"
              name="key-type"
              checked={draft.type === 'client'}
              onChange={() => set({ type: 'client' })}
            />
            Client key (built-in modules, from apps)
          </label>
          <label class="check">
            <input
              type="radio"
              name="key-type"
              checked={draft.type === 'api'}
              onChange={() => set({ type: 'api' })}
            />
            API key (the app's endpoints)
          </label>
        </div>
      </fieldset>
      <Field label="Name" error={at('name')}>
        <input value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </Field>
      {draft.type === 'client' ? (
        <>
          <div class="field">
            <fieldset aria-invalid={at('modules') ? 'true' : undefined}>
              <legend>Modules</legend>
              <div class="row">
                {MODULES.map((module) => (
                  <label key={module} class="check">
                    <input
                      type="checkbox"
                      checked={draft.modules.includes(module)}
                      onChange={(e) =>
                        set({
                          modules: e.currentTarget.checked
                            ? [...draft.modules, module]
                            : draft.modules.filter((m) => m !== module),
                        })
                      }
                    />
                    {module}
                  </label>
                ))}
              </div>
            </fieldset>
            {at('modules') && <span class="field-error">{at('modules')}</span>}
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={draft.enforceSession}
              onChange={(e) => set({ enforceSession: e.currentTarget.checked })}
            />
            Require a signed-in session (except sign-in and sign-up)
          </label>
          <div class="form-grid">
            <Field label="Rate limit: requests (empty = server default)" error={at('rateLimit')}>
              <input
                type="number"
                min={1}
                value={draft.rateMax}
                onInput={(e) => set({ rateMax: e.currentTarget.value })}
              />
            </Field>
            <Field label="Rate limit: per seconds">
              <input
                type="number"
                min={1}
                value={draft.rateWindow}
                onInput={(e) => set({ rateWindow: e.currentTarget.value })}
              />
            </Field>
          </div>
        </>
      ) : (
        <>
          <Field label="Access" error={at('access')}>
            <select
              value={draft.access}
              onChange={(e) => set({ access: e.currentTarget.value as AccessMode })}
            >
              {ACCESS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {mode}
                </option>
              ))}
            </select>
          </Field>
          {listed && (
            <Field
              label="Endpoints (one per line, e.g. /orders/* or POST /users)"
              error={at('endpoints')}
            >
              <textarea
                rows={3}
                class="mono"
                value={draft.endpoints}
                onInput={(e) => set({ endpoints: e.currentTarget.value })}
              />
            </Field>
          )}
        </>
      )}
      <Field label="Allowed domains (comma-separated; empty = any)" error={at('domains')}>
        <input value={draft.domains} onInput={(e) => set({ domains: e.currentTarget.value })} />
      </Field>
      <Field label="Expires (empty = never)" error={at('expiresAt')}>
        <input
          type="datetime-local"
          value={draft.expiresAt}
          onInput={(e) => set({ expiresAt: e.currentTarget.value })}
        />
      </Field>
      {elsewhere && <ErrorMessage error={error} />}
      <div class="actions">
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" busy={busy}>
          Create key
        </Button>
      </div>
    </form>
  )
}
