/** A member of a channel: its socket id and the data it joined with. */
export interface Member {
  id: string
  data: unknown
}

/** A channel with its members. */
export interface Channel {
  channel: string
  members: Member[]
}

/** What `GET /realtime/channels` answers. */
export interface RealtimeSnapshot {
  sockets: number
  items: Channel[]
}

/** How often the view asks again while live. */
export const POLL_MS = 2000

/** Channels per page of the (client-side) paged list. */
export const CHANNEL_PAGE_SIZE = 20
