import { errorText } from '../api.js'

/** Nothing when there is no error; else its message in words, in a role="alert" box. */
export function ErrorMessage(props: { error: unknown }) {
  if (props.error === null || props.error === undefined) return null
  return (
    <div class="alert" role="alert">
      {errorText(props.error)}
    </div>
  )
}
