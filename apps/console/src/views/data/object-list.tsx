import { useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import { href } from '../../router.js'
import type { Column, SortState } from '../../ui/index.js'
import {
  Button,
  DataTable,
  Dialog,
  ErrorMessage,
  formatDate,
  Loading,
  Pager,
  usePaged,
} from '../../ui/index.js'
import { Cell } from './cell.js'
import type { DataObject, ModelInfo } from './model-types.js'
import { SORTABLE_TYPES } from './model-types.js'
import { ObjectForm } from './object-form.js'

const PAGE_SIZE = 25

const objectsPath = (model: string) => `/models/${encodeURIComponent(model)}/objects`

/** A model's objects: expression filter, sort by header, pages, and a create dialog. */
export function ObjectList(props: { api: AdminApi; model: ModelInfo; modelNames: Set<string> }) {
  const { api, model } = props
  const [draft, setDraft] = useState('')
  const [filter, setFilter] = useState('')
  const [sort, setSort] = useState<SortState | undefined>(undefined)
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<DataObject | undefined>(undefined)
  const sortParam = sort ? `${sort.key}:${sort.dir}` : undefined
  const paged = usePaged(
    (page) =>
      api.get<Page<DataObject>>(objectsPath(model.name), {
        filter,
        sort: sortParam,
        page,
        size: PAGE_SIZE,
      }),
    [model.name, filter, sortParam],
  )

  const onSort = (key: string) =>
    setSort((old) => ({ key, dir: old?.key === key && old.dir === 'asc' ? 'desc' : 'asc' }))

  return (
    <section>
      <div class="row-between">
        <h2>{model.name}</h2>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New object
        </Button>
      </div>
      <form
        class="row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault()
          setFilter(draft.trim())
        }}
      >
        <label class="grow row">
          <span class="field-label">Filter</span>
          <input
            class="search mono"
            type="search"
            data-testid="filter"
            placeholder="e.g. status == 'open' && total > 10"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <Button type="submit">Apply</Button>
        {filter && <Button onClick={() => (setDraft(''), setFilter(''))}>Clear</Button>}
      </form>
      {created && (
        <p class="notice" role="status">
          Created <a href={href('data', model.name, created._id)}>{created._id}</a>.
        </p>
      )}
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data && <Loading />}
      {paged.data && (
        <>
          <DataTable
            label={`${model.name} objects`}
            columns={columns(model, props.modelNames, paged.data.items)}
            rows={paged.data.items}
            busy={paged.loading}
            rowKey={(row) => row._id}
            empty={filter ? 'No object matches the filter.' : 'No objects yet.'}
            sort={sort}
            onSort={onSort}
            onRowClick={(row) => (location.hash = href('data', model.name, row._id))}
          />
          <Pager
            page={paged.data.page}
            size={paged.data.size}
            total={paged.data.total}
            onPage={paged.setPage}
          />
        </>
      )}
      <Dialog
        title={`New ${model.name} object`}
        open={creating}
        wide
        onClose={() => setCreating(false)}
      >
        <ObjectForm
          model={model}
          object={undefined}
          modelNames={props.modelNames}
          submitLabel="Create object"
          onCancel={() => setCreating(false)}
          onSubmit={async (body) => {
            const object = await api.post<DataObject>(objectsPath(model.name), body)
            setCreated(object)
            setCreating(false)
            paged.reload()
          }}
        />
      </Dialog>
    </section>
  )
}

/** `_id`, the model's fields, and the timestamps when the objects have them. */
function columns(
  model: ModelInfo,
  modelNames: Set<string>,
  rows: DataObject[],
): Column<DataObject>[] {
  const idColumn: Column<DataObject> = {
    key: '_id',
    label: '_id',
    render: (row) => (
      <a class="mono" href={href('data', model.name, row._id)}>
        {row._id}
      </a>
    ),
  }
  const fieldColumns = model.fields.map((field): Column<DataObject> => ({
    key: field.name,
    label: field.name,
    sortable: SORTABLE_TYPES.has(field.type),
    render: (row) => (
      <Cell
        field={field}
        value={row[field.name]}
        linkable={modelNames.has(field.reference ?? '')}
      />
    ),
  }))
  const stamps = ['createdAt', 'updatedAt']
    .filter((key) => rows.some((row) => key in row))
    .map((key): Column<DataObject> => ({
      key,
      label: key,
      render: (row) => <span>{formatDate(row[key] as string | undefined)}</span>,
    }))
  return [idColumn, ...fieldColumns, ...stamps]
}
