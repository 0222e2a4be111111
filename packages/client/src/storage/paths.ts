/** Prefix of the storage manager's routes. */
export const STORAGE_PATH = '/_api/rest/v1/storage'

/** Prefix of the routes of one bucket. */
export const BUCKET_PATH = `${STORAGE_PATH}/bucket`

/** Prefix of the routes of one file. */
export const FILE_PATH = `${BUCKET_PATH}/file`
