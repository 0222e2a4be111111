import type { FastifyInstance } from 'fastify'
import { describeModels } from '../../../../core/admin/data/model-descriptions.js'
import type { ModelCatalog } from '../../../../core/db/model-types.js'

/** GET /models: the app's top-level models and their fields, as the console builds forms. */
export function listModels(scope: FastifyInstance, catalog: ModelCatalog): void {
  // The catalog is resolved once at start: one description serves every request.
  const answer = { items: describeModels(catalog) }
  scope.get('/models', async () => answer)
}
