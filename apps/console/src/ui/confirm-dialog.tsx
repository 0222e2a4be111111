import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { Button } from './button.js'
import { Dialog } from './dialog.js'
import { ErrorMessage } from './error-message.js'

/**
 * Asks before a destructive action; runs `onConfirm` with a busy button, shows its error in
 * words, and closes when it succeeds.
 */
export function ConfirmDialog(props: {
  title: string
  open: boolean
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  onClose: () => void
  children: ComponentChildren
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const close = () => {
    setError(undefined)
    props.onClose()
  }
  const confirm = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await props.onConfirm()
      close()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog title={props.title} open={props.open} onClose={close}>
      <div class="stack">
        <div>{props.children}</div>
        <ErrorMessage error={error} />
        <div class="actions">
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger" busy={busy} onClick={confirm}>
            {props.confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  )
}
