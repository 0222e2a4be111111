import type { FastifyInstance } from 'fastify'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { fail } from '../../../../tools/errors.js'

/** DELETE /files/:id: deletes the file and its content; 204. */
export function deleteFile(scope: FastifyInstance, storage: StorageService): void {
  scope.delete<{ Params: { id: string } }>('/files/:id', async (request, reply) => {
    const file = await storage.findFileById(request.params.id)
    if (!file) throw fail('file_not_found', undefined, { file: request.params.id })
    await storage.deleteFile(file.info.bucketId, file.info._id)
    return reply.code(204).send()
  })
}
