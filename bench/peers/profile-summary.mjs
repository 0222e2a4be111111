// Summarises a .cpuprofile (node --cpu-prof): self time per function and per package or file,
// as shares of all samples. Usage: node bench/peers/profile-summary.mjs <file.cpuprofile> [top]
import { readFileSync } from 'node:fs'

const [file, topArg] = process.argv.slice(2)
const top = Number(topArg ?? 40)
const profile = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const self = new Map()
const deltas = profile.timeDeltas
let total = 0
profile.samples.forEach((id, i) => {
  const us = deltas[i] ?? 0
  self.set(id, (self.get(id) ?? 0) + us)
  total += us
})

const where = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '')
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (pkg) return pkg[1]
  if (url.includes('/packages/')) return url.slice(url.indexOf('/packages/') + 1)
  return url || '(native)'
}
const perFunction = new Map()
const perPlace = new Map()
for (const [id, us] of self) {
  const frame = byId.get(id).callFrame
  const name = `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`
  perFunction.set(name, (perFunction.get(name) ?? 0) + us)
  const place = where(frame)
  perPlace.set(place, (perPlace.get(place) ?? 0) + us)
}
const print = (title, map, n) => {
  console.log(`\n${title}`)
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`)
  }
}
console.log(`${(total / 1e6).toFixed(1)} s sampled`)
print('self time per function', perFunction, top)
print('self time per package or file', perPlace, top)

// With a third argument, the call stacks (5 frames up) that end in functions of that name.
const callersOf = process.argv[4]
if (callersOf) {
  const parent = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const stacks = new Map()
  for (const [id, us] of self) {
    if (byId.get(id).callFrame.functionName !== callersOf) continue
    const names = []
    for (let at = parent.get(id), n = 0; at !== undefined && n < 6; at = parent.get(at), n++) {
      const frame = byId.get(at).callFrame
      names.push(`${frame.functionName || '(anonymous)'}@${where(frame)}:${frame.lineNumber + 1}`)
    }
    const key = names.join(' < ')
    stacks.set(key, (stacks.get(key) ?? 0) + us)
  }
  print(`stacks ending in ${callersOf}`, stacks, 15)
}

// With --inclusive as the third argument: time per function including its callees.
if (process.argv[4] === '--inclusive') {
  const parent = new Map()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map()
  for (const [id, us] of self) {
    const seen = new Set()
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame
      const name = `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + us)
    }
  }
  print('time per function including callees', inclusive, top)
}
