import type { FastifyInstance } from 'fastify'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { createObjectsRoute } from './create-objects.js'
import { setSubObjectRoute } from './set-sub-object.js'
import { appendSubObjectsRoute } from './append-sub-objects.js'
import { getListRoute } from './get-list.js'
import { getSingleRoute } from './get-single.js'
import { getRandomRoute } from './get-random.js'
import { computeRoute } from './compute.js'
import { updateObjectsRoute } from './update-objects.js'
import { updateFieldsRoute } from './update-fields.js'
import { deleteObjectsRoute } from './delete-objects.js'
import { searchTextRoute } from './search-text.js'
import { fuzzySearchRoute } from './fuzzy-search.js'
import { getObjectRoute } from './get-object.js'
import { createObjectRoute } from './create-object.js'
import { setObjectRoute } from './set-object.js'
import { appendObjectRoute } from './append-object.js'
import { deleteObjectRoute } from './delete-object.js'
import { updateObjectRoute } from './update-object.js'
import { updateObjectFieldsRoute } from './update-object-fields.js'
import { getStatsRoute } from './get-stats.js'

/** Registers every database route of the protocol (§3 and §8 rows 24-43). */
export function registerDbRoutes(app: FastifyInstance, db: DatabaseService): void {
  for (const register of [
    createObjectsRoute,
    setSubObjectRoute,
    appendSubObjectsRoute,
    getListRoute,
    getSingleRoute,
    getRandomRoute,
    computeRoute,
    updateObjectsRoute,
    updateFieldsRoute,
    deleteObjectsRoute,
    searchTextRoute,
    fuzzySearchRoute,
    getObjectRoute,
    createObjectRoute,
    setObjectRoute,
    appendObjectRoute,
    deleteObjectRoute,
    updateObjectRoute,
    updateObjectFieldsRoute,
    getStatsRoute,
  ]) {
    register(app, db)
  }
}
