/** A row of tab buttons (role="tablist"); the chosen one is aria-selected; arrow keys move. */
export function Tabs<K extends string>(props: {
  label: string
  tabs: { key: K; label: string }[]
  value: K
  onChange: (key: K) => void
}) {
  const move = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = props.tabs[(index + step + props.tabs.length) % props.tabs.length]!
    props.onChange(next.key)
    const list = (event.currentTarget as HTMLElement).parentElement
    requestAnimationFrame(() => list?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus())
  }
  return (
    <div class="tabs" role="tablist" aria-label={props.label}>
      {props.tabs.map((tab, index) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          class="tab"
          aria-selected={tab.key === props.value ? 'true' : 'false'}
          tabIndex={tab.key === props.value ? 0 : -1}
          onClick={() => props.onChange(tab.key)}
          onKeyDown={(event) => move(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  )
}
