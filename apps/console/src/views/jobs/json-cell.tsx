import { prettyJson } from './job-text.js'

const PREVIEW_LENGTH = 40

/** A JSON value in a table cell: its start on one line, the whole of it indented on demand. */
export function JsonCell(props: { value: unknown }) {
  const compact = JSON.stringify(props.value) ?? ''
  if (compact.length <= PREVIEW_LENGTH) return <code class="jobs-json-inline">{compact}</code>
  return (
    <details class="jobs-json">
      <summary>
        <code>{compact.slice(0, PREVIEW_LENGTH)}…</code>
      </summary>
      <pre>{prettyJson(props.value)}</pre>
    </details>
  )
}
