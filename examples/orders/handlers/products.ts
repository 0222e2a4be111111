// POST /products (API key): the back office adds products to the catalogue.
import type { EndpointResponse } from 'basalt'
import { refuse } from './results.js'
import type { Context, Product } from './types.js'

/**
 * Creates one product `{name, price, stock}` or a list of them, all or nothing. The model's
 * rules check the values: a bad one answers the database's `validation_error` as is.
 */
export default async function addProducts(context: Context, res: EndpointResponse) {
  const body = context.body
  if (typeof body !== 'object' || body === null) {
    return refuse(res, 400, 'invalid_product', 'expected a product or a list of products')
  }
  const { data, errors } = await context.api.db.model<Product>('products').create(body as object)
  if (errors) return res.status(errors.status).json({ errors: errors.items })
  res.status(201).json(data)
}
