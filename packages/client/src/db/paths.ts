/** Prefix of every database route. */
export const DB_PATH = '/_api/rest/v1/db'

/** Prefix of the single-object (`model(name).object(id)`) routes. */
export const DB_OBJECT_PATH = `${DB_PATH}/object`
