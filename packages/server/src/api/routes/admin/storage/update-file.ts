import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { fail } from '../../../../tools/errors.js'
import { parseBody } from '../../parse-body.js'

/** The body of PATCH /files/:id: what to change. */
export const updateFileBody = z.strictObject({
  fileName: z.string().optional(),
  isPublic: z.boolean().optional(),
})

/** PATCH /files/:id: renames the file and/or sets its privacy; answers the file. */
export function updateFile(scope: FastifyInstance, storage: StorageService): void {
  scope.patch<{ Params: { id: string } }>('/files/:id', async (request) => {
    const { fileName, isPublic } = parseBody(updateFileBody, request)
    const file = await storage.findFileById(request.params.id)
    if (!file) throw fail('file_not_found', undefined, { file: request.params.id })
    const { bucketId, _id } = file.info
    return storage.updateFile(bucketId, _id, { newName: fileName, isPublic })
  })
}
