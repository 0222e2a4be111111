import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminApi } from './api.js'
import { useRoute } from './router.js'
import { Button } from './ui/index.js'
import { VIEWS } from './views.js'

/** The signed-in layout: header, navigation (a menu on phones) and the current view. */
export function Shell(props: {
  api: AdminApi
  email: string | undefined
  signingOut: boolean
  onSignOut: () => void
}) {
  const route = useRoute()
  const [menuOpen, setMenuOpen] = useState(false)
  const main = useRef<HTMLElement>(null)
  const first = useRef(true)
  const entry = VIEWS.find((view) => view.name === route.view)

  useEffect(() => {
    setMenuOpen(false)
    document.title = `${entry?.label ?? 'Not found'} · Basalt console`
    // Move focus to the new view for keyboard and screen-reader users (not on first load).
    if (!first.current) main.current?.focus({ preventScroll: true })
    first.current = false
  }, [route.view])

  const View = entry?.component
  return (
    <div
      class={menuOpen ? 'shell menu-open' : 'shell'}
      onKeyDown={(event) => menuOpen && event.key === 'Escape' && setMenuOpen(false)}
    >
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => (e.preventDefault(), main.current?.focus())}
      >
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="btn btn-plain menu-button"
          aria-expanded={menuOpen ? 'true' : 'false'}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          ☰ Menu
        </button>
        <a class="brand" href="#/overview">
          Basalt <span class="muted">console</span>
        </a>
        <span class="topbar-user" title="Signed in as">
          {props.email}
        </span>
        <Button busy={props.signingOut} onClick={props.onSignOut}>
          Sign out
        </Button>
      </header>
      <nav id="nav" class="nav" aria-label="Main">
        <ul>
          {VIEWS.map((view) => (
            <li key={view.name}>
              <a
                href={`#/${view.name}`}
                aria-current={view.name === route.view ? 'page' : undefined}
                onClick={() => setMenuOpen(false)}
              >
                {view.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="main" ref={main} tabIndex={-1}>
        {View ? (
          <View key={route.view} api={props.api} path={route.path} />
        ) : (
          <section>
            <h1>Not found</h1>
            <p>
              There is no view called “{route.view}”. <a href="#/overview">Go to the overview</a>.
            </p>
          </section>
        )}
      </main>
    </div>
  )
}
