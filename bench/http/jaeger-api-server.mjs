// A Jaeger query service's trace endpoints over plain HTTP in Node, for the benches: the classic
// JSON API (GET /api/traces/:id → {"data": [trace]}) and the v3 API (GET /api/v3/traces/:id →
// {"result": OTLP JSON}, as Jaeger's grpc-gateway writes it), plus what the console asks besides
// (service lists, the v3 dialect probe). Each trace is built once per id and format and kept, like
// a stored trace, from the same generator as the trace-file bench (bench/cases/trace-file.mjs).
// Served with CORS, so the console (on the preview server's origin) can use it as a Jaeger source.
import http from 'node:http'
import { CORS } from './console-api-server.mjs'


const kv = (t) => {
  const value =
    t.type === 'bool' ? { boolValue: t.value } : t.type === 'int64' ? { intValue: String(t.value) } : t.type === 'float64' ? { doubleValue: t.value } : { stringValue: String(t.value) }
  return { key: t.key, value }
}
const KIND = { server: 2, client: 3, producer: 4, consumer: 5, internal: 1 }
const nanos = (micros) => `${BigInt(Math.round(micros)) * 1000n}`

/** The same trace as the v3 API answers it: OTLP JSON, spans grouped by service (one resource each). */
export function jaegerToOtlp(trace) {
  const byProcess = new Map()
  for (const s of trace.spans) {
    if (!byProcess.has(s.processID)) byProcess.set(s.processID, [])
    const kindTag = s.tags.find((t) => t.key === 'span.kind')
    const error = s.tags.some((t) => t.key === 'error' && t.value === true)
    byProcess.get(s.processID).push({
      traceId: s.traceID,
      spanId: s.spanID,
      ...(s.references[0] ? { parentSpanId: s.references[0].spanID } : {}),
      name: s.operationName,
      kind: KIND[kindTag?.value ?? 'internal'] ?? 1,
      startTimeUnixNano: nanos(s.startTime),
      endTimeUnixNano: nanos(s.startTime + s.duration),
      attributes: s.tags.filter((t) => t.key !== 'span.kind' && t.key !== 'error').map(kv),
      events: s.logs.map((l) => ({ timeUnixNano: nanos(l.timestamp), name: String(l.fields.find((f) => f.key === 'event')?.value ?? 'log'), attributes: l.fields.filter((f) => f.key !== 'event').map(kv) })),
      status: error ? { code: 2 } : {},
    })
  }
  const resourceSpans = [...byProcess].map(([pid, spans]) => {
    const p = trace.processes[pid]
    return { resource: { attributes: [{ key: 'service.name', value: { stringValue: p.serviceName } }, ...p.tags.map(kv)] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }
  })
  return { resourceSpans }
}

/**
 * Starts the server on `port` with the traces `traces` (Jaeger traces, as in {"data": [...]}); returns
 * { url, close() }. Answers are built on first request and kept.
 */
export async function startJaegerApiServer({ port, traces }) {
  const byId = new Map(traces.map((t) => [t.traceID, t]))
  const services = [...new Set(traces.flatMap((t) => Object.values(t.processes).map((p) => p.serviceName)))].sort()
  const bodies = new Map()
  const body = (id, v3) => {
    const key = `${id}|${v3}`
    if (!bodies.has(key)) {
      const t = byId.get(id)
      bodies.set(key, t ? Buffer.from(v3 ? `${JSON.stringify({ result: jaegerToOtlp(t) })}\n` : JSON.stringify({ data: [t], total: 0, limit: 0, offset: 0, errors: null })) : null)
    }
    return bodies.get(key)
  }
  const json = (res, status, value) => res.writeHead(status, { ...CORS, 'Content-Type': 'application/json' }).end(JSON.stringify(value))
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end()
    const url = new URL(req.url ?? '/', 'http://x')
    const p = url.pathname
    if (p === '/api/services') return json(res, 200, { data: services, total: services.length })
    if (p === '/api/v3/services') return json(res, 200, { services })
    // v1.75 answers the dialect probe (no time range) this way
    if (p === '/api/v3/traces') return json(res, 400, { error: { httpCode: 400, message: 'query.start_time_min and query.start_time_max are required' } })
    const m = /^\/api\/(v3\/)?traces\/([0-9a-fA-F]+)$/.exec(p)
    const b = m ? body(m[2], Boolean(m[1])) : null
    if (!b) return json(res, 404, { data: null, errors: [{ code: 404, msg: 'trace not found' }] })
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json', 'Content-Length': b.length }).end(b)
  })
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    prepare: (id) => {
      body(id, false)
      body(id, true)
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
