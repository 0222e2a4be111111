/** "Public" or "Private", as a badge. */
export function AccessBadge(props: { isPublic: boolean }) {
  return (
    <span class={props.isPublic ? 'badge badge-accent' : 'badge'}>
      {props.isPublic ? 'Public' : 'Private'}
    </span>
  )
}
