import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket as ServerSocket } from 'socket.io'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openAgnostSocket } from '../src/agnost/agnost-socket.js'
import { Fetcher } from '../src/fetcher.js'
import { mergeOptions } from '../src/options.js'

// The Agnost socket opener against a real socket.io server listening on /realtime/realtime/
// only: it must connect there, with the Agnost handshake.

let io: Server
let url: string
beforeAll(async () => {
  const http = createServer()
  io = new Server(http, { path: '/realtime/realtime/' })
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
})
afterAll(async () => {
  await io.close()
})

it('connects to /realtime/realtime/ with {echoMessages, envId, apiKey, session}', async () => {
  const owner = { auth: { invalidateSession: () => {} } }
  const fetcher = new Fetcher(owner, `${url}/env-1`, { Authorization: 'ak' })
  fetcher.setSession({ token: 'tok' } as Parameters<Fetcher['setSession']>[0])
  const settings = { ...mergeOptions({ realtime: { echoMessages: false } }), apiKey: 'ak' }
  const connected = once(io, 'connection') as Promise<[ServerSocket]>
  const socket = openAgnostSocket(fetcher, settings)
  try {
    const [serverSocket] = await connected
    expect(serverSocket.handshake.auth).toEqual({
      echoMessages: false,
      envId: 'env-1',
      apiKey: 'ak',
      session: 'tok',
    })
  } finally {
    socket.close()
  }
})
