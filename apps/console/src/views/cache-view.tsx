import { useState } from 'preact/hooks'
import type { AdminApi } from '../api.js'
import { Button, ErrorMessage } from '../ui/index.js'
import { KeyEditor } from './cache/key-editor.js'
import { KeyList } from './cache/key-list.js'
import { NewKeyDialog } from './cache/new-key-dialog.js'
import { useKeyScan } from './cache/use-key-scan.js'
import { useDebounced } from '../ui/use-debounced.js'
import './cache/cache.css'

/** `#/cache`: keys by glob pattern (paged by cursor), one key's value and TTL to edit or delete. */
export function CacheView(props: { api: AdminApi; path: string[] }) {
  const { api } = props
  const [pattern, setPattern] = useState('*')
  const applied = useDebounced(pattern.trim() || '*')
  const scan = useKeyScan(api, applied)
  const [selected, setSelected] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)

  return (
    <section class="cache-view">
      <div class="cache-head">
        <h1>Cache</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          Set a key
        </Button>
      </div>
      <form
        class="cache-toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          scan.reload()
        }}
      >
        <label class="cache-pattern">
          <span>Pattern (glob: * and ?)</span>
          <input
            data-testid="filter"
            value={pattern}
            spellcheck={false}
            onInput={(event) => setPattern(event.currentTarget.value)}
          />
        </label>
        <Button type="submit" busy={scan.loading}>
          Find keys
        </Button>
      </form>
      <ErrorMessage error={scan.error} />
      <div class={selected ? 'cache-split cache-split-open' : 'cache-split'}>
        <KeyList
          items={scan.items}
          selected={selected}
          loading={scan.loading}
          hasMore={scan.hasMore}
          onSelect={setSelected}
          onLoadMore={scan.loadMore}
        />
        {selected && (
          <KeyEditor
            key={selected}
            api={api}
            cacheKey={selected}
            onSaved={scan.upsert}
            onDeleted={(key) => {
              scan.remove(key)
              setSelected(null)
            }}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
      {creating && (
        <NewKeyDialog
          api={api}
          onClose={() => setCreating(false)}
          onSaved={(entry) => {
            setCreating(false)
            scan.upsert({ key: entry.key, ttlSeconds: entry.ttlSeconds })
            setSelected(entry.key)
          }}
        />
      )}
    </section>
  )
}
