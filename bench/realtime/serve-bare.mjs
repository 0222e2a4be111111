// A bare socket.io 4 server: `join` puts the socket in a room, `message` sends to the room.
// The baseline of run.mjs; answers { url } over IPC once listening on 127.0.0.1.
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const http = createServer()
const io = new Server(http, { serveClient: false })
io.on('connection', (socket) => {
  socket.on('join', ({ channel }) => socket.join(channel))
  socket.on('message', ({ channel, eventName, message }) => {
    io.to(channel).emit(eventName, { channel, message })
  })
})
http.listen(0, '127.0.0.1', () => {
  process.send({ url: `http://127.0.0.1:${http.address().port}` })
})
const close = () => {
  io.close()
  process.exit(0)
}
process.on('SIGTERM', close).on('SIGINT', close).on('disconnect', close)
