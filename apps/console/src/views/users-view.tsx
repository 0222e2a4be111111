import type { AdminApi } from '../api.js'
import { UserList } from './users/user-list.js'
import { UserPage } from './users/user-page.js'

/** `#/users` lists and searches users; `#/users/<id>` shows one. */
export function UsersView(props: { api: AdminApi; path: string[] }) {
  const [id] = props.path
  return id ? <UserPage key={id} api={props.api} id={id} /> : <UserList api={props.api} />
}
