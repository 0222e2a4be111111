// The order endpoints: check out a basket, read an order.
import type { EndpointResponse } from 'basalt'
import { isObjectId, refuse, unwrap } from './results.js'
import type { Context, FulfilMessage, Order, OrderItem, Product } from './types.js'

/** A checked request body of POST /orders. */
interface OrderInput {
  lines: Map<string, number>
  paymentToken: string | undefined
}

/**
 * POST /orders `{items: [{productId, quantity}], paymentToken?}` (session required).
 *
 * Checks each product and its stock, then creates the order. With a payment token (the payment
 * is simulated: any non-empty token pays) the order is `paid` and a `fulfil-order` message is
 * submitted; without one it stays `pending` until the expire-unpaid task cancels it. Stock is
 * only taken when the order is fulfilled, so checkout never holds stock for unpaid orders.
 */
export async function createOrder(context: Context, res: EndpointResponse) {
  const { api, session } = context
  const input = readInput(context.body, Number(context.params.maxItems))
  if (typeof input === 'string') return refuse(res, 400, 'invalid_order', input)

  const items: OrderItem[] = []
  for (const [productId, quantity] of input.lines) {
    const product = unwrap(
      await api.db.model<Product>('products').object(productId).get(),
      'read product',
    )
    if (!product) return refuse(res, 404, 'product_not_found', `no product ${productId}`)
    if (product.stock < quantity) {
      const message = `only ${product.stock} of ${product.name} left, ${quantity} asked`
      return refuse(res, 409, 'out_of_stock', message)
    }
    items.push({ product: product._id, name: product.name, price: product.price, quantity })
  }
  const total = items.reduce((sum, item) => sum + item.price * item.quantity, 0)
  const status = input.paymentToken ? 'paid' : 'pending'
  const orders = api.db.model<Order>('orders')
  let order = unwrap(
    await orders.object().create({ userId: session!.userId, status, total, items }),
    'create order',
  )
  if (status === 'paid') {
    const message: FulfilMessage = { orderId: order._id }
    const submitted = await api.queue.submitMessage('fulfil-order', message)
    const info = unwrap({ data: submitted.info, errors: submitted.errors }, 'submit message')
    order = unwrap(
      await orders.object(order._id).update({ messageId: info.messageId }),
      'store message id',
    )
  }
  res.status(201).header('location', `/orders/${order._id}`).json(order)
}

/** GET /orders/:id (session required): the caller's own order, else 404. */
export async function getOrder(context: Context, res: EndpointResponse) {
  const id = context.request!.params.id
  const order = isObjectId(id)
    ? unwrap(await context.api.db.model<Order>('orders').object(id).get(), 'read order')
    : null
  // App code is not held to the access rules: the handler checks ownership itself.
  if (!order || order.userId !== context.session!.userId) {
    return refuse(res, 404, 'order_not_found', `no order ${id}`)
  }
  return order
}

/** The checked body, or what is wrong with it. Repeated products are added together. */
function readInput(body: unknown, maxItems: number): OrderInput | string {
  const { items, paymentToken } = (body ?? {}) as { items?: unknown; paymentToken?: unknown }
  if (!Array.isArray(items) || items.length === 0) return 'items: expected a non-empty list'
  if (items.length > maxItems) return `items: at most ${maxItems} lines`
  if (paymentToken !== undefined && typeof paymentToken !== 'string') {
    return 'paymentToken: expected a string'
  }
  const lines = new Map<string, number>()
  for (const [index, item] of items.entries()) {
    const { productId, quantity } = (item ?? {}) as { productId?: unknown; quantity?: unknown }
    if (!isObjectId(productId)) return `items.${index}.productId: expected a product id`
    if (!Number.isInteger(quantity) || (quantity as number) < 1) {
      return `items.${index}.quantity: expected a whole number from 1`
    }
    lines.set(productId, (lines.get(productId) ?? 0) + (quantity as number))
  }
  return { lines, paymentToken: paymentToken || undefined }
}
