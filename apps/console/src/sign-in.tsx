import { useState } from 'preact/hooks'
import { ApiError, signIn } from './api.js'
import type { Admin } from './api.js'
import { Button, ErrorMessage, Field } from './ui/index.js'

/** The sign-in screen: email and password of an admin account. */
export function SignIn(props: {
  notice?: string
  onSignedIn: (token: string, admin: Admin) => void
}) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const answer = await signIn(email.trim(), password)
      props.onSignedIn(answer.token, answer.admin)
    } catch (failure) {
      setError(failure)
      setBusy(false)
    }
  }
  const field = error instanceof ApiError ? error.details?.field : undefined
  return (
    <main class="sign-in">
      <form class="card sign-in-card stack" onSubmit={submit} aria-labelledby="sign-in-title">
        <div>
          <p class="brand">Basalt</p>
          <h1 id="sign-in-title">Sign in to the admin console</h1>
        </div>
        {props.notice && !error && <p class="notice">{props.notice}</p>}
        <Field
          label="Email"
          error={field === 'email' ? String((error as Error).message) : undefined}
        >
          <input
            type="email"
            name="email"
            autocomplete="username"
            autoFocus
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </Field>
        <Field
          label="Password"
          error={field === 'password' ? String((error as Error).message) : undefined}
        >
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        {!field && <ErrorMessage error={error} />}
        <Button type="submit" variant="primary" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  )
}
