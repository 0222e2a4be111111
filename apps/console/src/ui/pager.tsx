import { Button } from './button.js'

/** Previous/next paging with "page x of y · n items"; hidden buttons never, disabled at the ends. */
export function Pager(props: {
  page: number
  size: number
  total: number
  onPage: (page: number) => void
}) {
  const pages = Math.max(1, Math.ceil(props.total / Math.max(1, props.size)))
  const first = props.total === 0 ? 0 : (props.page - 1) * props.size + 1
  const last = Math.min(props.total, props.page * props.size)
  return (
    <nav class="pager" aria-label="Pages" data-testid="pager">
      <Button
        variant="plain"
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        ‹ Previous
      </Button>
      <span class="pager-status" aria-live="polite">
        Page {props.page} of {pages} · {first}–{last} of {props.total}
      </span>
      <Button
        variant="plain"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        Next ›
      </Button>
    </nav>
  )
}
