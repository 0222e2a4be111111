import { useEffect, useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import type { Bucket } from './storage-types.js'

const LOOKUP_PAGE_SIZE = 100
const LOOKUP_MAX_PAGES = 20

/** Finds a bucket by id in the bucket list (the API has no single-bucket route). */
export function useBucket(api: AdminApi, bucketId: string, version: number) {
  const [bucket, setBucket] = useState<Bucket | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    findBucket(api, bucketId).then(
      (found) => live && setBucket(found),
      (failure: unknown) => live && setError(failure),
    )
    return () => {
      live = false
    }
  }, [api, bucketId, version])
  return { bucket, error }
}

async function findBucket(api: AdminApi, bucketId: string): Promise<Bucket | null> {
  for (let page = 1; page <= LOOKUP_MAX_PAGES; page++) {
    const list = await api.get<Page<Bucket>>('/buckets', { page, size: LOOKUP_PAGE_SIZE })
    const found = list.items.find((bucket) => bucket._id === bucketId)
    if (found) return found
    if (page * LOOKUP_PAGE_SIZE >= list.total) return null
  }
  return null
}
