// A minimal console API over HTTP for the trace-page bench: GET /api/v1/traces/:id from the
// synthetic world (JSON, or one line per span when asked for application/x-ndjson, as the console
// does), built once per id and format and kept, served with CORS so the console (on the preview
// server's origin) can use it as a "console" data source. Anything else answers 404 in the API's
// error shape.
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'

async function loadWorld(root) {
  const file = path.join(os.tmpdir(), `tracelens-trace-backend-${process.pid}.mjs`)
  await build({ input: path.join(root, 'bench/http/trace-backend.ts'), output: { file, format: 'esm' }, write: true, logLevel: 'silent' })
  return import(pathToFileURL(file).href)
}

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET, OPTIONS' }

/** Starts the server on `port`; returns { url, bigTraceId, prepare(id), close() }. */
export async function startConsoleApiServer({ root, port, nowMs }) {
  const world = await loadWorld(root)
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
    const stream = (req.headers.accept ?? '').includes('application/x-ndjson')
    const body = m ? prepare(m[1], stream) : null
    if (body === null) {
      res.writeHead(404, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'not_found', message: 'Not served by the bench backend' } }))
      return
    }
    res.writeHead(200, { ...CORS, 'Content-Type': stream ? 'application/x-ndjson' : 'application/json', 'Content-Length': body.length }).end(body)
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    bigTraceId: world.bigTraceId,
    prepare,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
