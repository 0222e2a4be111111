// The expire-unpaid task: cancels orders left unpaid too long.
import { unwrap } from './results.js'
import type { Context, Order } from './types.js'

/**
 * Cancels every `pending` order created more than `unpaidMinutes` (an app parameter) ago, in
 * one multi-object update whose filter runs in PostgreSQL. Paid orders are left to the queue.
 */
export default async function expireUnpaid(context: Context) {
  const minutes = Number(context.params.unpaidMinutes)
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new Error(
      `unpaidMinutes: expected a number of minutes, got ${context.params.unpaidMinutes}`,
    )
  }
  const result = unwrap(
    await context.api.db
      .model<Order>('orders')
      .filter(`status == 'pending' && createdAt < DATEADD(NOW(), -${minutes}, 'minute')`)
      .update({
        status: 'cancelled',
        cancelledAt: new Date().toISOString(),
        cancelReason: 'unpaid',
      }),
    'cancel unpaid orders',
  )
  context.log.info({ cancelled: result.updated, minutes }, 'expired unpaid orders')
}
