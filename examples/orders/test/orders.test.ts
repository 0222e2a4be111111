import { fileURLToPath } from 'node:url'
import { createClient } from 'altogic'
import { createJiti } from 'jiti'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '@basalt/server'
import type { ServerConfig } from '@basalt/server'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The example app, started on its own basalt.config.ts and handlers, driven by the published
// altogic client as a shop's front end would.

const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
const BASALT = fileURLToPath(new URL('../../../packages/cli/src/public.ts', import.meta.url))

/** The app's config, loaded as `basalt start` does: jiti, with 'basalt' aliased to the CLI. */
async function loadAppConfig(): Promise<unknown> {
  const jiti = createJiti(import.meta.url, { alias: { basalt: BASALT } })
  return jiti.import(`${APP_DIR}basalt.config.ts`, { default: true })
}

/** Polls `read` until `done` holds, or fails after `ms`. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5000) {
  const until = Date.now() + ms
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A session store in memory: each client keeps its own signed-in user. */
function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

interface Order {
  _id: string
  status: string
  total: number
  messageId?: string
  items: { product: string; quantity: number }[]
  cancelReason?: string
}

describe.each(pgTargets())('the orders example on $name', (target) => {
  let t: TestServer
  let url: string
  const ids: Record<'tea' | 'mug', string> = { tea: '', mug: '' }

  beforeAll(async () => {
    const app = await loadAppConfig()
    const overrides = { appDir: APP_DIR, app } as unknown as Partial<ServerConfig>
    t = await startTestServer(target, overrides)
    url = await t.server.listen()
    // The back office seeds the catalogue through POST /products with an API key.
    const key = await createKey(t.server.database.db, { type: 'api', name: 'back office' })
    const seeded = await addProducts(key.secret, [
      { name: 'Green tea', price: 4.5, stock: 10 },
      { name: 'Mug', price: 12, stock: 1 },
    ])
    expect(seeded.status).toBe(201)
    const [tea, mug] = (await seeded.json()) as { _id: string }[]
    ids.tea = tea!._id
    ids.mug = mug!._id
  })
  afterAll(() => t?.close())

  const addProducts = (apiKey: string | undefined, products: object) =>
    fetch(`${url}/products`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify(products),
    })
  const client = () => createClient(url, t.clientKey, { localStorage: memoryStorage() })
  const signedIn = async (email: string) => {
    const c = client()
    const { errors } = await c.auth.signUpWithEmail(email, 'password-1')
    expect(errors).toBeNull()
    return c
  }
  const stockOf = async (c: ReturnType<typeof client>, id: string) => {
    const { data } = await c.db.model('products').object(id).get()
    return (data as { stock: number }).stock
  }

  it('adds products with an API key only, checked by the model', async () => {
    expect((await addProducts(undefined, { name: 'Pot', price: 30 })).status).toBe(401)
    const key = await createKey(t.server.database.db, { type: 'api', name: 'back office 2' })
    const bad = await addProducts(key.secret, { name: 'Pot', price: -1, stock: 1 })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'validation_error',
    )
    const { data } = await client().db.model('products').get()
    expect((data as { name: string }[]).map((p) => p.name).sort()).toEqual(['Green tea', 'Mug'])
  })

  it('needs a session to order', async () => {
    const { data, errors } = await client().endpoint.post('/orders', { items: [] })
    expect(data).toBeNull()
    expect(errors?.status).toBe(401)
    expect(errors?.items[0]?.code).toBe('missing_session_token')
  })

  it('takes a paid order, fulfils it through the queue and decrements the stock', async () => {
    const alice = await signedIn('alice@orders.test')
    const basket = {
      items: [
        { productId: ids.tea, quantity: 2 },
        { productId: ids.tea, quantity: 1 },
        { productId: ids.mug, quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    }
    const { data, errors } = await alice.endpoint.post('/orders', basket)
    expect(errors).toBeNull()
    const order = data as Order
    expect(order).toMatchObject({ status: 'paid', total: 25.5 })
    expect(order.items.map((item) => item.quantity)).toEqual([3, 1])
    expect(order.messageId).toBeTruthy()

    const done = await waitFor(
      () => alice.queue.getMessageStatus(order.messageId!),
      (reply) => reply.info?.status === 'completed' || reply.info?.status === 'errors',
    )
    expect(done.info).toMatchObject({ queueName: 'fulfil-order', status: 'completed' })

    const read = await alice.endpoint.get(`/orders/${order._id}`)
    expect(read.errors).toBeNull()
    expect(read.data).toMatchObject({ _id: order._id, status: 'fulfilled' })
    expect(await stockOf(alice, ids.tea)).toBe(7)
    expect(await stockOf(alice, ids.mug)).toBe(0)
  })

  it('refuses what is out of stock or malformed', async () => {
    const bob = await signedIn('bob@orders.test')
    const tooMany = await bob.endpoint.post('/orders', {
      items: [{ productId: ids.tea, quantity: 8 }],
    })
    expect(tooMany.errors?.status).toBe(409)
    expect(tooMany.errors?.items[0]?.code).toBe('out_of_stock')
    const malformed = await bob.endpoint.post('/orders', {
      items: [{ productId: ids.tea, quantity: 0 }],
    })
    expect(malformed.errors?.status).toBe(400)
    expect(malformed.errors?.items[0]?.code).toBe('invalid_order')
    const unknown = await bob.endpoint.post('/orders', {
      items: [{ productId: 'f'.repeat(24), quantity: 1 }],
    })
    expect(unknown.errors?.items[0]?.code).toBe('product_not_found')
  })

  it('shows clients their own orders only, and lets them write none', async () => {
    const carol = await signedIn('carol@orders.test')
    const { data } = await carol.endpoint.post('/orders', {
      items: [{ productId: ids.tea, quantity: 1 }],
    })
    const order = data as Order
    expect(order.status).toBe('pending')

    const dave = await signedIn('dave@orders.test')
    const read = await dave.endpoint.get(`/orders/${order._id}`)
    expect(read.errors?.items[0]?.code).toBe('order_not_found')
    expect((await dave.db.model('orders').get()).data).toEqual([])
    expect((await carol.db.model('orders').get()).data).toMatchObject([{ _id: order._id }])
    const write = await carol.db.model('orders').object(order._id).update({ status: 'paid' })
    expect(write.errors?.items[0]?.code).toBe('model_closed')
  })

  it('cancels unpaid orders older than unpaidMinutes when expire-unpaid runs', async () => {
    const erin = await signedIn('erin@orders.test')
    const basket = { items: [{ productId: ids.tea, quantity: 1 }] }
    const old = (await erin.endpoint.post('/orders', basket)).data as Order
    const fresh = (await erin.endpoint.post('/orders', basket)).data as Order
    // Age one order past the parameter's 30 minutes, as time would.
    const sql = new pg.Client({ connectionString: t.database.url })
    await sql.connect()
    await sql.query(
      `UPDATE app.orders SET "createdAt" = now() - interval '31 minutes' WHERE _id = $1`,
      [old._id],
    )
    await sql.end()

    const { info, errors } = await erin.task.runOnce('expire-unpaid')
    expect(errors).toBeNull()
    const run = await waitFor(
      () => erin.task.getTaskStatus(info!.taskId),
      (reply) => reply.info?.status === 'completed' || reply.info?.status === 'errors',
    )
    expect(run.info?.status).toBe('completed')

    const status = async (id: string) =>
      ((await erin.endpoint.get(`/orders/${id}`)).data as Order | null)?.status
    expect(await status(old._id)).toBe('cancelled')
    expect(await status(fresh._id)).toBe('pending')
  })
})
