import { Button, DataTable } from '../../ui/index.js'
import { formatTtl, type CacheKey } from './cache-types.js'

/** The keys found so far, each a button that opens it, with "Load more" while the scan goes on. */
export function KeyList(props: {
  items: CacheKey[]
  selected: string | null
  loading: boolean
  hasMore: boolean
  onSelect: (key: string) => void
  onLoadMore: () => void
}) {
  const columns = [
    {
      key: 'key',
      label: 'Key',
      render: (item: CacheKey) => (
        <button
          type="button"
          class="cache-key"
          aria-pressed={item.key === props.selected ? 'true' : 'false'}
          onClick={() => props.onSelect(item.key)}
        >
          {item.key}
        </button>
      ),
    },
    { key: 'ttl', label: 'TTL', render: (item: CacheKey) => formatTtl(item.ttlSeconds) },
  ]
  return (
    <div class="cache-list">
      <DataTable
        label="Keys"
        columns={columns}
        rows={props.items}
        rowKey={(item) => item.key}
        empty={props.loading ? 'Loading…' : 'No key matches.'}
      />
      <div class="cache-more" data-testid="pager">
        <span class="cache-muted" aria-live="polite">
          {props.items.length} key(s) shown{props.hasMore ? '' : ', all found'}
        </span>
        {props.hasMore && (
          <Button busy={props.loading} onClick={props.onLoadMore}>
            Load more
          </Button>
        )}
      </div>
    </div>
  )
}
