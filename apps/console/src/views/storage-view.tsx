import type { AdminApi } from '../api.js'
import { BucketFiles } from './storage/bucket-files.js'
import { BucketList } from './storage/bucket-list.js'
import './storage/storage.css'

/** `#/storage` (the buckets) and `#/storage/<bucketId>` (a bucket's files). */
export function StorageView(props: { api: AdminApi; path: string[] }) {
  const bucketId = props.path[0]
  if (bucketId) return <BucketFiles key={bucketId} api={props.api} bucketId={bucketId} />
  return <BucketList api={props.api} />
}
