// One Basalt server for the realtime benchmark; answers { url, clientKey } over IPC.
import { DEFAULT_CONFIG, createServer, parseServerConfig } from '@basalt/server'

const { dataDir, databaseUrl } = JSON.parse(process.env.BENCH_SERVER_OPTIONS)
const config = parseServerConfig({
  ...DEFAULT_CONFIG,
  port: 0,
  logLevel: 'warn',
  dataDir,
  ...(databaseUrl ? { databaseUrl } : {}),
})
const server = await createServer(config)
const url = await server.listen()
process.send({ url, clientKey: server.developmentKey?.secret })
let closing
const close = () =>
  (closing ??= (async () => {
    setTimeout(() => process.exit(1), 15_000).unref()
    await server.close()
    process.exit(0)
  })())
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
