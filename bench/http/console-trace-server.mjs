// The console API's trace endpoint over HTTP, serving given Jaeger traces (the side-by-side case's):
// GET /api/v1/traces/:id answers the trace as the console API streams it (one JSON document per
// line, in the tree's order), built once per id by `prepare(id)` and kept, like a stored trace.
// Nothing else of the console API is served (404). CORS, so the console on the preview server's
// origin can use it as a "console" data source.
import http from 'node:http'
import { CORS, importForNode } from './console-api-server.mjs'

/** Starts the server on `port` for `traces` (Jaeger API trace objects); returns { url, prepare(id), close() }. */
export async function startConsoleTraceServer({ root, port, traces }) {
  const { consoleStreamOf } = await importForNode(root, 'bench/http/console-trace.ts')
  const byId = new Map(traces.map((t) => [t.traceID, t]))
  const bodies = new Map()
  const prepare = (id) => {
    if (!bodies.has(id)) bodies.set(id, byId.has(id) ? Buffer.from(consoleStreamOf(byId.get(id))) : null)
    return bodies.get(id)
  }
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end()
    const m = /^\/api\/v1\/traces\/([^/?]+)$/.exec(new URL(req.url, 'http://x').pathname)
    const body = m ? prepare(decodeURIComponent(m[1])) : null
    if (!body) return res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Not served by the bench backend' } }))
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/x-ndjson', 'Content-Length': body.length }).end(body)
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, prepare, close: () => new Promise((resolve) => server.close(resolve)) }
}
