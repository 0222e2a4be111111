import type { ComponentChildren } from 'preact'
import { formatValue } from './format.js'

export interface Column<T> {
  key: string
  label: string
  render?: (row: T) => ComponentChildren
  /** When the table has `onSort`, whether clicking this header sorts by it (default true). */
  sortable?: boolean
}

export interface SortState {
  key: string
  dir: 'asc' | 'desc'
}

export interface DataTableProps<T> {
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string
  empty?: string
  onRowClick?: (row: T) => void
  /** The current sort, shown on its header (aria-sort). */
  sort?: SortState
  /** Makes headers buttons that ask for a sort by their column. */
  onSort?: (key: string) => void
  /** An accessible name for the table. */
  label?: string
  /** Dims the rows while a new page or sort loads. */
  busy?: boolean
}

/** Clicks on links, buttons and inputs inside a row keep their own meaning. */
const isControl = (target: EventTarget | null) =>
  target instanceof Element && target.closest('a, button, input, select, textarea, label') !== null

/** A dense table that scrolls horizontally on narrow screens; rows carry data-testid="row". */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, onRowClick } = props
  return (
    <div
      class={props.busy ? 'table-wrap is-busy' : 'table-wrap'}
      aria-busy={props.busy ? 'true' : undefined}
    >
      <table class="table" aria-label={props.label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <HeaderCell
                key={column.key}
                column={column}
                sort={props.sort}
                onSort={props.onSort}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr class="table-empty">
              <td colSpan={columns.length}>{props.empty ?? 'Nothing here yet.'}</td>
            </tr>
          )}
          {rows.map((row) => (
            <tr
              key={props.rowKey(row)}
              data-testid="row"
              class={onRowClick ? 'clickable' : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              onClick={onRowClick && ((event) => !isControl(event.target) && onRowClick(row))}
              onKeyDown={
                onRowClick &&
                ((event) => {
                  if (event.key === 'Enter' && event.target === event.currentTarget) onRowClick(row)
                })
              }
            >
              {columns.map((column) => (
                <td key={column.key}>
                  {column.render
                    ? column.render(row)
                    : formatValue((row as Record<string, unknown>)[column.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function HeaderCell<T>(props: {
  column: Column<T>
  sort: SortState | undefined
  onSort: ((key: string) => void) | undefined
}) {
  const { column, sort, onSort } = props
  const active = sort?.key === column.key
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
  if (!onSort || column.sortable === false) {
    return <th scope="col">{column.label}</th>
  }
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" class="sort-button" onClick={() => onSort(column.key)}>
        {column.label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  )
}
