import { defineConfig } from 'basalt'

// A small shop: clients read the catalogue and their own orders; every write goes through the
// app's code (an endpoint, a queue and a task), which has full rights.
export default defineConfig({
  name: 'orders-example',
  parameters: {
    // Orders left unpaid longer than this are cancelled by the expire-unpaid task.
    unpaidMinutes: 30,
    // The most lines one order may have.
    maxItems: 20,
  },
  models: {
    products: {
      access: { read: 'true' },
      fields: {
        name: { type: 'text', required: true, maxLength: 100 },
        price: { type: 'decimal', required: true, min: 0, decimalPlaces: 2 },
        // min 0: a decrement past the stock fails and changes nothing.
        stock: { type: 'integer', required: true, min: 0, defaultValue: '0' },
      },
    },
    orders: {
      // A client sees its own orders only; it cannot write them directly.
      access: { read: 'this.userId == session.userId' },
      fields: {
        userId: { type: 'text', required: true, indexed: true, readOnly: true },
        status: {
          type: 'option',
          values: ['pending', 'paid', 'fulfilled', 'cancelled'],
          defaultValue: "'pending'",
          indexed: true,
        },
        total: { type: 'decimal', min: 0, decimalPlaces: 2 },
        items: {
          type: 'object-list',
          timestamps: false,
          fields: {
            product: { type: 'reference', model: 'products' },
            name: { type: 'text' },
            price: { type: 'decimal', min: 0 },
            quantity: { type: 'integer', required: true, min: 1 },
          },
        },
        messageId: { type: 'text' },
        fulfilledAt: { type: 'date-time' },
        cancelledAt: { type: 'date-time' },
        cancelReason: { type: 'text' },
      },
    },
  },
  endpoints: [
    // The back office adds products with an API key (`basalt keys create --type api`).
    { method: 'POST', path: '/products', handler: 'handlers/products.ts', apiKey: true },
    {
      method: 'POST',
      path: '/orders',
      handler: 'handlers/orders.ts#createOrder',
      session: 'required',
    },
    {
      method: 'GET',
      path: '/orders/:id',
      handler: 'handlers/orders.ts#getOrder',
      session: 'required',
    },
  ],
  queues: {
    'fulfil-order': {
      handler: 'handlers/fulfil-order.ts',
      retries: 2,
      retryDelaySeconds: 1,
      timeoutSeconds: 30,
    },
  },
  tasks: {
    'expire-unpaid': {
      handler: 'handlers/expire-unpaid.ts',
      schedule: '* * * * *', // every minute
    },
  },
})
