// The console API over HTTP for the benches, from the synthetic world: GET /api/v1/traces/:id
// (JSON, or one line per span when asked for application/x-ndjson, as the console does) built once
// per id and format and kept, like a stored trace; the rest of /api/v1 (topology, services, events,
// metrics) answered by the synthetic backend's own handlers. Served with CORS, so the console (on
// the preview server's origin) can use it as a "console" data source.
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'

/** A TypeScript module of the repository (`entry`, from `root`), bundled for Node and imported. */
export async function importForNode(root, entry) {
  const file = path.join(os.tmpdir(), `tracelens-${path.basename(entry, '.ts')}-${process.pid}.mjs`)
  await build({ input: path.join(root, entry), output: { file, format: 'esm' }, write: true, logLevel: 'silent' })
  return import(pathToFileURL(file).href)
}

/** The bench servers' CORS headers: the console on the preview server's origin reads them. */
export const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET, OPTIONS' }

/**
 * Starts the server on `port`; returns { url, bigTraceId, prepare(id), close() }. `firstByteMs`
 * holds every trace answer back that long before its first byte, as a trace store takes time to
 * find and assemble a big trace (0: the answer is ready at once).
 */
export async function startConsoleApiServer({ root, port, nowMs, firstByteMs = 0, world: shared }) {
  const world = shared ?? (await importForNode(root, 'bench/http/world-backend.ts'))
  const bodies = new Map()
  const prepare = (id, stream = true) => {
    const key = `${id}|${stream}`
    if (!bodies.has(key)) {
      const text = world.traceBody(id, nowMs, stream)
      bodies.set(key, text === null ? null : Buffer.from(text))
    }
    return bodies.get(key)
  }
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS).end()
      return
    }
    const m = /^\/api\/v1\/traces\/([0-9a-fA-F]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname)
    if (!m && (req.url ?? '').startsWith('/api/v1/')) {
      // the rest of the console API, from the same handlers as the synthetic backend in the browser
      world.answer(req.url, { accept: req.headers.accept ?? '*/*' }).then(
        (a) => {
          if (!a) res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'No such endpoint' } }))
          else res.writeHead(a.status, { ...Object.fromEntries(a.headers.filter(([k]) => k.toLowerCase() !== 'content-length')), ...CORS, 'Content-Length': a.body.length }).end(a.body)
        },
        (e) => res.writeHead(500, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'internal', message: String(e) } })),
      )
      return
    }
    const stream = (req.headers.accept ?? '').includes('application/x-ndjson')
    const body = m ? prepare(m[1], stream) : null
    if (body === null) {
      res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Not served by the bench backend' } }))
      return
    }
    const send = () => res.writeHead(200, { ...CORS, 'Content-Type': stream ? 'application/x-ndjson' : 'application/json', 'Content-Length': body.length }).end(body)
    if (firstByteMs > 0) setTimeout(send, firstByteMs)
    else send()
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    bigTraceId: world.bigTraceId,
    world,
    /** the world's size and clock (see world-backend.ts setWorld) */
    setWorld: (scale, nowMs) => world.setWorld(scale, nowMs),
    prepare,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
