const TONES: Record<string, string> = {
  pending: 'badge',
  processing: 'badge badge-accent',
  completed: 'badge badge-ok',
  errors: 'badge badge-danger',
}

/** A message's or run's status as a coloured badge. */
export function StatusBadge(props: { status: string | null | undefined }) {
  const status = props.status ?? '—'
  return <span class={`${TONES[status] ?? 'badge'} jobs-status`}>{status}</span>
}
