/** A real <progress> (value 0..1) with a visible label and percentage. */
export function ProgressBar(props: { value: number; label: string }) {
  const value = Math.min(1, Math.max(0, Number.isFinite(props.value) ? props.value : 0))
  return (
    <div class="progress">
      <span class="progress-label">
        {props.label} <span class="muted">{Math.round(value * 100)}%</span>
      </span>
      <progress max={1} value={value} aria-label={props.label} />
    </div>
  )
}
