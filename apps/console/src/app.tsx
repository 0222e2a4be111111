import { useMemo, useRef, useState } from 'preact/hooks'
import { useEffect } from 'preact/hooks'
import { createApi } from './api.js'
import type { Admin } from './api.js'
import { clearSession, loadSession, saveSession } from './session.js'
import { Shell } from './shell.js'
import { SignIn } from './sign-in.js'

/** The console: the sign-in screen without a session, the shell with one; a 401 signs out. */
export function App() {
  const [session, setSession] = useState(loadSession)
  const [notice, setNotice] = useState<string | undefined>(undefined)
  const [signingOut, setSigningOut] = useState(false)
  const token = useRef(session?.token ?? null)
  token.current = session?.token ?? null

  const api = useMemo(
    () =>
      createApi({
        getToken: () => token.current,
        onUnauthorized: () => {
          clearSession()
          token.current = null
          setNotice('Your session has ended. Sign in again.')
          setSession(null)
        },
      }),
    [],
  )

  // Check a stored token once and learn who is signed in.
  useEffect(() => {
    if (!session) return
    api.get<{ admin: Admin }>('/auth/me').then(
      ({ admin }) => {
        saveSession({ token: session.token, admin })
        setSession({ token: session.token, admin })
      },
      () => undefined, // a 401 already went back to sign-in; other failures show in the views
    )
  }, [session?.token])

  const signedIn = (newToken: string, admin: Admin) => {
    saveSession({ token: newToken, admin })
    token.current = newToken
    setNotice(undefined)
    setSession({ token: newToken, admin })
  }

  const signOut = async () => {
    setSigningOut(true)
    try {
      await api.post('/auth/sign-out')
    } catch {
      // Signing out locally is what matters; the server session expires anyway.
    }
    clearSession()
    token.current = null
    setSigningOut(false)
    setNotice('You are signed out.')
    setSession(null)
  }

  if (!session) return <SignIn notice={notice} onSignedIn={signedIn} />
  return (
    <Shell api={api} email={session.admin?.email} signingOut={signingOut} onSignOut={signOut} />
  )
}
