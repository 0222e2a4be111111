import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { href } from '../../router.js'
import {
  Button,
  ConfirmDialog,
  ErrorMessage,
  formatDate,
  Loading,
  useLoad,
} from '../../ui/index.js'
import type { DataObject, ModelInfo } from './model-types.js'
import { ObjectForm } from './object-form.js'

/** One object: its edit form, its system fields, and delete with confirmation. */
export function ObjectPage(props: {
  api: AdminApi
  model: ModelInfo
  id: string
  modelNames: Set<string>
}) {
  const { api, model, id } = props
  const path = `/models/${encodeURIComponent(model.name)}/objects/${encodeURIComponent(id)}`
  const object = useLoad(() => api.get<DataObject>(path), [path])
  const [deleting, setDeleting] = useState(false)
  const [saved, setSaved] = useState(0)
  const data = object.data
  return (
    <section>
      <p class="crumbs">
        <a href={href('data', model.name)}>{model.name}</a> / <span class="mono">{id}</span>
      </p>
      <div class="row-between">
        <h2>
          {model.name} <span class="mono muted">{id}</span>
        </h2>
        {data && (
          <Button variant="danger" onClick={() => setDeleting(true)}>
            Delete
          </Button>
        )}
      </div>
      <ErrorMessage error={object.error} />
      {object.loading && !data && <Loading />}
      {data && (
        <div class="stack">
          <dl class="props card">
            <dt>_id</dt>
            <dd class="mono">{data._id}</dd>
            {'createdAt' in data && [
              <dt key="c">createdAt</dt>,
              <dd key="cd">{formatDate(data.createdAt as string)}</dd>,
            ]}
            {'updatedAt' in data && [
              <dt key="u">updatedAt</dt>,
              <dd key="ud">{formatDate(data.updatedAt as string)}</dd>,
            ]}
          </dl>
          {saved > 0 && (
            <p class="notice" role="status">
              Saved.
            </p>
          )}
          <div class="card">
            <ObjectForm
              key={`${data._id}-${saved}`}
              model={model}
              object={data}
              modelNames={props.modelNames}
              submitLabel="Save changes"
              onSubmit={async (body) => {
                const updated = await api.patch<DataObject>(path, body)
                object.setData(updated)
                setSaved((n) => n + 1)
              }}
            />
          </div>
        </div>
      )}
      <ConfirmDialog
        title={`Delete this ${model.name} object?`}
        open={deleting}
        confirmLabel="Delete"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(path)
          location.hash = href('data', model.name)
        }}
      >
        <p>
          The object <span class="mono">{id}</span> and its sub-objects will be deleted. This cannot
          be undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}
