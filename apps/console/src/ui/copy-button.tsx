import { useState } from 'preact/hooks'
import { Button } from './button.js'

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton(props: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text)
      setState('copied')
    } catch {
      setState(copyBySelection(props.text) ? 'copied' : 'failed')
    }
    setTimeout(() => setState('idle'), 2000)
  }
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : undefined
  return (
    <Button onClick={copy} aria-live="polite">
      {text ?? props.label ?? 'Copy'}
    </Button>
  )
}

/** The clipboard API needs a secure context; outside one, copy through a selected textarea. */
function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  // Inside an open modal dialog, the rest of the page is inert: the textarea must go in it.
  ;(document.querySelector('dialog[open]') ?? document.body).append(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
