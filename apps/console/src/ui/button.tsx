import type { ButtonHTMLAttributes } from 'preact'

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  busy?: boolean
  variant?: 'primary' | 'danger' | 'plain'
}

/** A real <button> (type "button" unless told), disabled and marked aria-busy while `busy`. */
export function Button({ busy, variant, class: cls, className, children, ...rest }: ButtonProps) {
  const classes = ['btn', variant ? `btn-${variant}` : '', cls ?? className ?? '']
  return (
    <button
      type="button"
      {...rest}
      class={classes.filter(Boolean).join(' ')}
      disabled={Boolean(rest.disabled) || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {children}
    </button>
  )
}
