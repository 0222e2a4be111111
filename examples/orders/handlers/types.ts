// The shapes handlers work with. The handler context comes from the server package (the
// `basalt` module an app imports exports defineConfig only); these imports are types, erased
// when the server loads the handlers.
import type { HandlerContext, ServerApi } from 'basalt'

/** What every handler of this app gets: the context with the server-side API. */
export type Context = HandlerContext<ServerApi>

/** One line of an order, as stored. */
export interface OrderItem {
  product: string
  name: string
  price: number
  quantity: number
}

/** An order, as stored (`_id`, `createdAt` and `updatedAt` are added by the server). */
export interface Order {
  _id: string
  userId: string
  status: 'pending' | 'paid' | 'fulfilled' | 'cancelled'
  total: number
  items: OrderItem[]
  messageId?: string | null
  fulfilledAt?: string | null
  cancelledAt?: string | null
  cancelReason?: string | null
  createdAt: string
}

/** A product of the catalogue. */
export interface Product {
  _id: string
  name: string
  price: number
  stock: number
}

/** The message of the fulfil-order queue. */
export interface FulfilMessage {
  orderId: string
}
