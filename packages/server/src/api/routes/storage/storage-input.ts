import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { StorageCaller, StorageListOptions } from '../../../core/storage/storage-types.js'

/** Route options shared by every storage route. */
export const STORAGE_ROUTE = { config: { module: 'storage' as const } }

/** A bucket name or id, as every bucket body carries it. */
export const bucketSchema = z.string().min(1)

/** A file name or id, as every file body carries it. */
export const fileSchema = z.string().min(1)

/** Tags: the client sends a string as is, or an array; always an array here. */
export const tagsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((tags) => (typeof tags === 'string' ? [tags] : tags))

/** The `options` of list-buckets, list-files and search-files (every part may be null). */
export const listOptionsSchema = z
  .object({
    page: z.number().nullish(),
    limit: z.number().nullish(),
    sort: z.object({ field: z.string().min(1), direction: z.enum(['asc', 'desc']) }).nullish(),
    returnCountInfo: z.boolean().nullish(),
  })
  .nullish()

/** The list options as the core takes them. */
export function toListOptions(options: z.output<typeof listOptionsSchema>): StorageListOptions {
  return {
    page: options?.page ?? null,
    limit: options?.limit ?? null,
    sort: options?.sort ?? null,
    returnCountInfo: options?.returnCountInfo ?? false,
  }
}

/** Who calls: the session's user, if any. */
export function storageCallerOf(request: FastifyRequest): StorageCaller {
  return { userId: request.session?.userId ?? null }
}
