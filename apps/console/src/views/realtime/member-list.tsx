import type { Member } from './realtime-types.js'

/** How many members a channel row shows before "more". */
const SHOWN = 5

/** A channel's members: id and data, the first few shown, the rest behind a disclosure. */
export function MemberList(props: { members: Member[] }) {
  const { members } = props
  if (members.length === 0) return <span class="realtime-muted">No members</span>
  const head = members.slice(0, SHOWN)
  const rest = members.slice(SHOWN)
  return (
    <div class="realtime-members">
      <MemberItems members={head} />
      {rest.length > 0 && (
        <details>
          <summary>{rest.length} more</summary>
          <MemberItems members={rest} />
        </details>
      )}
    </div>
  )
}

function MemberItems(props: { members: Member[] }) {
  return (
    <ul>
      {props.members.map((member) => (
        <li key={member.id}>
          <code class="realtime-member-id">{member.id}</code>{' '}
          <code class="realtime-member-data">{JSON.stringify(member.data) ?? '—'}</code>
        </li>
      ))}
    </ul>
  )
}
