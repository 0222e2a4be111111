// The data set of the database benchmark, shared by run.mjs and the server scripts: the
// `products` model, how its rows are seeded, the request bodies and the bare server's SQL.

export const ROWS = 100_000

/** 20 categories, so that one category holds about 5,000 rows. */
export const CATEGORIES = [
  'audio',
  'baby',
  'books',
  'camera',
  'clothing',
  'computers',
  'crafts',
  'games',
  'garden',
  'grocery',
  'health',
  'home',
  'jewelry',
  'kitchen',
  'music',
  'office',
  'pets',
  'shoes',
  'sports',
  'toys',
]

/** The model as an app declares it in `basalt.config.ts`. */
export const PRODUCT_MODELS = {
  products: {
    access: { read: 'true' },
    fields: {
      name: { type: 'text', required: true },
      category: { type: 'option', values: CATEGORIES, indexed: true },
      price: { type: 'decimal', decimalPlaces: 2, min: 0, indexed: true },
      stock: { type: 'integer', min: 0 },
    },
  },
}

/**
 * Fills app."products" in one statement (the columns Basalt created for the model: `_id` text
 * primary key, text, text, double precision, bigint, two timestamptz). Deterministic: the same
 * rows every run. Ids are the first 24 hex digits of an MD5, as unique as Basalt's own.
 */
export const SEED_SQL = `
INSERT INTO "app"."products" ("_id", "name", "category", "price", "stock", "createdAt", "updatedAt")
SELECT id, 'Product ' || n, category, price, stock, at, at FROM (
  SELECT n,
    substr(md5('bench-product-' || n), 1, 24) AS id,
    ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] AS category,
    round((0.01 + random() * 999.99)::numeric, 2)::double precision AS price,
    floor(random() * 501)::bigint AS stock,
    timestamptz '2025-01-01 00:00:00+00' + random() * interval '365 days' AS at
  FROM generate_series(1, $2::int) AS n
) s`

/** Random whole-number price bounds: about half a category matches on average. */
export function randomMaxPrice() {
  return 100 + Math.floor(Math.random() * 900)
}

export function randomCategory() {
  return CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)]
}

/** The body the Altogic client sends for `db.model('products').object(id).get()`. */
export function basaltGetBody(id) {
  return JSON.stringify({ options: null, id, model: 'products' })
}

/**
 * The body the Altogic client sends for
 * `db.model('products').filter("category == 'c' && price < p").sort('price', 'desc').limit(20).get()`.
 */
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
    model: 'products',
  })
}

/** The bare server's statements: the SQL the issue names (in Basalt's null order, which the index serves), the row as JSON by `to_jsonb`. */
export const BARE_GET_SQL = 'SELECT to_jsonb(p) AS doc FROM "app"."products" p WHERE "_id" = $1'
export const BARE_LIST_SQL =
  'SELECT to_jsonb(p) AS doc FROM "app"."products" p ' +
  'WHERE category = $1 AND price < $2 ORDER BY price DESC NULLS LAST LIMIT 20'
