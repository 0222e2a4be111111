import type { AdminApi } from '../api.js'
import { href } from '../router.js'
import { DataTable, ErrorMessage, Loading, useLoad } from '../ui/index.js'
import type { ModelInfo } from './data/model-types.js'
import { ObjectList } from './data/object-list.js'
import { ObjectPage } from './data/object-page.js'

/** The app's data: `#/data/<model>` lists a model's objects, `#/data/<model>/<id>` edits one. */
export function DataView(props: { api: AdminApi; path: string[] }) {
  const models = useLoad(() => props.api.get<{ items: ModelInfo[] }>('/models'), [])
  const [modelName, id] = props.path
  const items = models.data?.items ?? []
  const names = new Set(items.map((model) => model.name))
  const model = items.find((item) => item.name === modelName)
  return (
    <section>
      <h1>Data</h1>
      <ErrorMessage error={models.error} />
      {models.loading && !models.data && <Loading />}
      {models.data && (
        <div class="split">
          <nav aria-label="Models">
            <ul class="side-list">
              {items.map((item) => (
                <li key={item.name}>
                  <a
                    href={href('data', item.name)}
                    aria-current={item.name === modelName ? 'page' : undefined}
                  >
                    {item.name}
                  </a>
                </li>
              ))}
            </ul>
            {items.length === 0 && <p class="muted">No models: add some to basalt.config.ts.</p>}
          </nav>
          <div>
            {!modelName && items.length > 0 && <ModelTable models={items} />}
            {modelName && !model && (
              <ErrorMessage error={`There is no model called “${modelName}”.`} />
            )}
            {model && !id && (
              <ObjectList key={model.name} api={props.api} model={model} modelNames={names} />
            )}
            {model && id && (
              <ObjectPage key={id} api={props.api} model={model} id={id} modelNames={names} />
            )}
          </div>
        </div>
      )}
    </section>
  )
}

/** The models and their fields, each row opening the model's objects. */
function ModelTable(props: { models: ModelInfo[] }) {
  return (
    <DataTable
      label="Models"
      columns={[
        {
          key: 'name',
          label: 'Model',
          render: (model: ModelInfo) => <a href={href('data', model.name)}>{model.name}</a>,
        },
        { key: 'count', label: 'Fields', render: (model: ModelInfo) => model.fields.length },
        {
          key: 'fields',
          label: 'Field names',
          render: (model: ModelInfo) => model.fields.map((field) => field.name).join(', '),
        },
      ]}
      rows={props.models}
      rowKey={(model) => model.name}
      onRowClick={(model) => (location.hash = href('data', model.name))}
    />
  )
}
