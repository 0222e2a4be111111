import { href } from '../../router.js'
import { formatDate, formatValue } from '../../ui/index.js'
import type { FieldInfo } from './model-types.js'
import { referenceId } from './model-types.js'

const MAX_TEXT = 80

const shorten = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text)

/** A field's value in a table cell: references as links, dates local, long text cut. */
export function Cell(props: { field: FieldInfo | undefined; value: unknown; linkable: boolean }) {
  const { field, value } = props
  if (value === null || value === undefined) return <span class="muted">—</span>
  if (field?.type === 'reference') {
    const id = referenceId(value)
    if (id && props.linkable) {
      return (
        <a class="mono" href={href('data', field.reference ?? '', id)}>
          {id}
        </a>
      )
    }
    return <span class="mono">{id ?? formatValue(value)}</span>
  }
  if (field?.type === 'boolean') return <span>{value ? 'true' : 'false'}</span>
  if (field?.type === 'date-time') {
    return <span title={String(value)}>{formatDate(String(value))}</span>
  }
  const text = formatValue(value)
  return <span title={text.length > MAX_TEXT ? text : undefined}>{shorten(text)}</span>
}
