// The fulfil-order queue: ships a paid order and takes its items from the stock.
import { isObjectId, unwrap } from './results.js'
import type { Context, FulfilMessage, Order, Product } from './types.js'

/**
 * Marks the order `fulfilled` and decrements the stock of each product with a field update.
 *
 * Delivery is at least once, so the handler first claims the order with a conditional update
 * (`status == 'paid'` → `fulfilled`): a second delivery, or an order the expire-unpaid task
 * cancelled meanwhile, matches nothing and is left alone. When a product ran out since checkout
 * (the `min: 0` rule of `stock` refuses the decrement), the stock already taken is put back and
 * the order is cancelled.
 */
export default async function fulfilOrder(context: Context) {
  const { orderId } = context.body as FulfilMessage
  if (!isObjectId(orderId)) throw new Error(`bad message: orderId ${String(orderId)}`)
  const orders = context.api.db.model<Order>('orders')
  const products = context.api.db.model<Product>('products')

  const claimed = unwrap(
    await orders
      .filter(`_id == '${orderId}' && status == 'paid'`)
      .update({ status: 'fulfilled', fulfilledAt: new Date().toISOString() }),
    'claim order',
  )
  if (claimed.updated === 0) {
    context.log.info({ orderId }, 'order not paid (or already handled): nothing to do')
    return
  }
  const order = unwrap(await orders.object(orderId).get(), 'read order')

  const taken: typeof order.items = []
  for (const item of order.items) {
    const { errors } = await products
      .object(item.product)
      .updateFields({ field: 'stock', updateType: 'decrement', value: item.quantity })
    if (!errors) {
      taken.push(item)
      continue
    }
    for (const back of taken) {
      unwrap(
        await products
          .object(back.product)
          .updateFields({ field: 'stock', updateType: 'increment', value: back.quantity }),
        'put stock back',
      )
    }
    if (errors.items[0]?.code !== 'validation_error') {
      // Not a stock problem: give the order back to the queue's retries.
      unwrap(await orders.object(orderId).update({ status: 'paid', fulfilledAt: null }), 'unclaim')
      throw new Error(`decrement stock of ${item.product}: ${errors.items[0]?.message}`)
    }
    unwrap(
      await orders.object(orderId).update({
        status: 'cancelled',
        cancelledAt: new Date().toISOString(),
        cancelReason: `out of stock: ${item.name}`,
      }),
      'cancel order',
    )
    context.log.warn({ orderId, product: item.product }, 'out of stock at fulfilment')
    return
  }
  context.log.info({ orderId, items: order.items.length }, 'order fulfilled')
}
