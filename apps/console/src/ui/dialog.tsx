import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef } from 'preact/hooks'

/**
 * A modal dialog on the native <dialog>: showModal() makes the page behind inert (focus stays
 * inside), Escape closes it, and focus goes back where it was.
 */
export function Dialog(props: {
  title: string
  open: boolean
  onClose: () => void
  children: ComponentChildren
  /** A wider dialog, for long forms. */
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const onClose = useRef(props.onClose)
  onClose.current = props.onClose

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (props.open && !dialog.open) {
      const previous = document.activeElement as HTMLElement | null
      dialog.showModal()
      // Start in the first field (not on the close button) so typing can begin at once.
      dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea)')?.focus()
      return () => {
        if (dialog.open) dialog.close()
        previous?.focus?.()
      }
    }
    return undefined
  }, [props.open])

  if (!props.open) return null
  return (
    <dialog
      ref={ref}
      class={props.wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onClose.current()
      }}
    >
      <div class="dialog-head">
        <h2 id={titleId}>{props.title}</h2>
        <button
          type="button"
          class="btn btn-plain dialog-close"
          aria-label="Close"
          onClick={() => onClose.current()}
        >
          ×
        </button>
      </div>
      <div class="dialog-body">{props.children}</div>
    </dialog>
  )
}
