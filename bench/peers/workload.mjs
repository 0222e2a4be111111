// The workload of the peers benchmark, shared by run.mjs and the server scripts: the `items`
// rows (the same in Basalt's model table, Parse's class and the bare table), how they are seeded,
// and the random parts of the requests.
import { CATEGORIES } from '../db/products.mjs'

export { CATEGORIES }
export const ROWS = 100_000

/** The model as an app declares it in `basalt.config.ts` (reads and creates open to all). */
export const ITEM_MODELS = {
  items: {
    access: { read: 'true', create: 'true' },
    fields: {
      name: { type: 'text', required: true },
      category: { type: 'option', values: CATEGORIES, indexed: true },
      price: { type: 'decimal', decimalPlaces: 2, min: 0, indexed: true },
      stock: { type: 'integer', min: 0 },
    },
  },
}

/**
 * The rows: deterministic (setseed 0.42 first, in the same transaction), so every table gets
 * the same names, categories, prices, stocks and dates. `columns` names the target's columns in
 * the order id, name, category, price, stock, created, updated; `idLength` the id's length.
 */
export function seedSql(table, columns, idLength) {
  return `
INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')})
SELECT id, 'Item ' || n, category, price, stock, at, at FROM (
  SELECT n,
    substr(md5('bench-item-' || n), 1, ${idLength}) AS id,
    ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] AS category,
    round((0.01 + random() * 999.99)::numeric, 2)::double precision AS price,
    floor(random() * 501)::bigint AS stock,
    timestamptz '2025-01-01 00:00:00+00' + random() * interval '365 days' AS at
  FROM generate_series(1, $2::int) AS n
) s`
}

/** Random whole-number price bounds: about half a category matches on average. */
export function randomMaxPrice() {
  return 100 + Math.floor(Math.random() * 900)
}

export function randomCategory() {
  return CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)]
}

/** A new item's fields, as each target receives them on create. */
export function newItem() {
  return {
    name: `New item ${Math.floor(Math.random() * 1e9)}`,
    category: randomCategory(),
    price: Math.round(Math.random() * 99_999) / 100,
    stock: Math.floor(Math.random() * 501),
  }
}

/** The body the Altogic client sends for `db.model('items').object(id).get()`. */
export function basaltGetBody(id) {
  return JSON.stringify({ options: null, id, model: 'items' })
}

/** `db.model('items').filter("category == 'c' && price < p").sort('price','desc').limit(20).get()`. */
export function basaltListBody(category, maxPrice) {
  return JSON.stringify({
    query: {
      expression: `category == '${category}' && price < ${maxPrice}`,
      lookups: null,
      page: null,
      limit: 20,
      sort: [{ field: 'price', direction: 'desc' }],
      omit: null,
      group: null,
    },
    returnCountInfo: false,
    model: 'items',
  })
}

/** `db.model('items').object().create(values)`. */
export function basaltCreateBody(values) {
  return JSON.stringify({ model: 'items', values, query: null })
}

/** The same list through Parse's REST API: where, order and limit in the query string. */
export function parseListPath(category, maxPrice) {
  const where = JSON.stringify({ category, price: { $lt: maxPrice } })
  return `/parse/classes/items?where=${encodeURIComponent(where)}&order=-price&limit=20`
}

/** The bare server's statements, the row as JSON by `to_jsonb`. */
export const BARE_GET_SQL = 'SELECT to_jsonb(i) AS doc FROM items i WHERE "_id" = $1'
export const BARE_LIST_SQL =
  'SELECT to_jsonb(i) AS doc FROM items i ' +
  'WHERE category = $1 AND price < $2 ORDER BY price DESC NULLS LAST LIMIT 20'
export const BARE_CREATE_SQL =
  'INSERT INTO items ("_id", name, category, price, stock, "createdAt", "updatedAt") ' +
  'VALUES ($1, $2, $3, $4, $5, now(), now()) RETURNING to_jsonb(items) AS doc'
