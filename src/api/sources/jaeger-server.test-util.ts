import { context, SpanKind, trace } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { http, HttpResponse } from 'msw'
import { buildOtlpSample } from './tempo-otlp.test-util'

/**
 * A Jaeger query service as versions v1.75 (the v2 binary built from module v1.75.0) and v2.19 answer
 * its v3 HTTP API, with their in-memory store: the parameter parsing and span matching are ported from
 * Jaeger's Go code (cmd/query/app/apiv3/http_gateway.go and internal/storage/v2/memory/tenant.go at
 * v1.75.0; cmd/jaeger/internal/extension/jaegerquery/internal/apiv3/query_parser.go at v2.19.0),
 * including v1.75's handling of `error` (a string attribute read as a boolean: only OK spans match).
 */
export type JaegerVersion = 'v1.75' | 'v2.19'

type Kv = { key: string; value?: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number } }
type WireSpan = { traceId: string; name: string; kind?: number; startTimeUnixNano: string; endTimeUnixNano: string; attributes?: Kv[]; status?: { code?: number } }
type ResourceSpans = { resource?: { attributes?: Kv[] }; scopeSpans?: { spans?: WireSpan[] }[] }

const text = (v: Kv['value']): string | undefined =>
  v?.stringValue ?? (v?.boolValue !== undefined ? String(v.boolValue) : v?.intValue !== undefined ? String(v.intValue) : v?.doubleValue !== undefined ? String(v.doubleValue) : undefined)
const attr = (kvs: Kv[] | undefined, key: string) => text(kvs?.find((k) => k.key === key)?.value)

/** Go's time.ParseDuration for the units the console sends. */
function goDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(us|µs|ms|s)$/.exec(s)
  if (!m) throw new Error(`time: invalid duration "${s}"`)
  return Number(m[1]) * { us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 }[m[2] as 'us' | 'ms' | 's']
}

const error400 = (message: string) => HttpResponse.json({ error: { httpCode: 400, message } }, { status: 400 })

export interface JaegerCall {
  url: URL
}

/** MSW handlers for /api/v3 of one version, over the spans of `doc`; `calls` records each search. */
export function jaegerV3Handlers(base: string, version: JaegerVersion, doc: { resourceSpans: unknown[] }, calls: JaegerCall[] = []) {
  const rss = doc.resourceSpans as ResourceSpans[]
  const services = [...new Set(rss.map((rs) => attr(rs.resource?.attributes, 'service.name') ?? ''))].sort()
  const get = (q: URLSearchParams, canonical: string, deprecated: string) => (version === 'v2.19' ? q.get(canonical) || q.get(deprecated) : q.get(deprecated)) ?? ''
  return [
    http.get(`${base}/api/v3/services`, () => HttpResponse.json({ services })),
    // a service's span names with their kinds (OTLP's numbers as Jaeger's words)
    http.get(`${base}/api/v3/operations`, ({ request }) => {
      const service = new URL(request.url).searchParams.get('service') ?? ''
      const words = ['', 'internal', 'server', 'client', 'producer', 'consumer']
      const ops = new Map<string, string>()
      for (const rs of rss) {
        if ((attr(rs.resource?.attributes, 'service.name') ?? '') !== service) continue
        for (const ss of rs.scopeSpans ?? []) for (const sp of ss.spans ?? []) ops.set(`${sp.name}\u0000${sp.kind ?? 0}`, words[sp.kind ?? 0] ?? '')
      }
      return HttpResponse.json({ operations: [...ops].map(([k, spanKind]) => ({ name: k.split('\u0000')[0], spanKind })) })
    }),
    http.get(`${base}/api/v3/traces`, ({ request }) => {
      const url = new URL(request.url)
      calls.push({ url })
      const q = url.searchParams
      const attributes = new Map<string, string>()
      if (version === 'v2.19' && q.get('query.attributes')) {
        try {
          for (const [k, v] of Object.entries(JSON.parse(q.get('query.attributes') ?? '') as Record<string, string>)) attributes.set(k, v)
        } catch (e) {
          return error400(`malformed parameter query.attributes: ${(e as Error).message}`)
        }
      }
      const tmin = get(q, 'query.startTimeMin', 'query.start_time_min')
      const tmax = get(q, 'query.startTimeMax', 'query.start_time_max')
      if (!tmin || !tmax)
        return error400(version === 'v2.19' ? 'query.startTimeMin and query.startTimeMax are required' : 'query.start_time_min and query.start_time_max are required')
      let depth = version === 'v2.19' ? Number(get(q, 'query.searchDepth', 'query.search_depth') || q.get('query.num_traces') || 100) : Number(q.get('query.num_traces') ?? 0)
      if (!Number.isInteger(depth)) depth = 0
      if (depth <= 0 || depth > 100_000)
        return HttpResponse.json({ error: { httpCode: 500, message: 'search depth must be greater than 0 and less than max traces' } }, { status: 500 })
      const service = get(q, 'query.serviceName', 'query.service_name')
      const operation = get(q, 'query.operationName', 'query.operation_name')
      const dmin = get(q, 'query.durationMin', 'query.duration_min')
      const dmax = get(q, 'query.durationMax', 'query.duration_max')
      const from = Date.parse(tmin) * 1e6
      const to = Date.parse(tmax) * 1e6
      const spanOk = (rs: ResourceSpans, s: WireSpan): boolean => {
        if (service && attr(rs.resource?.attributes, 'service.name') !== service) return false
        const err = attributes.get('error')
        if (err !== undefined) {
          const isError = s.status?.code === 2
          const isOk = s.status?.code === 1
          // v1.75 reads the string "true" as a boolean: false, so only spans with status OK pass
          if (version === 'v1.75' ? !isOk : (err === 'true') !== isError) return false
        }
        if (operation && s.name !== operation) return false
        const start = Number(s.startTimeUnixNano)
        if (start < from || start > to) return false
        const d = Number(s.endTimeUnixNano) - start
        if (dmin && d < goDuration(dmin)) return false
        if (dmax && d > goDuration(dmax)) return false
        for (const [k, v] of attributes) if (k !== 'error' && attr(s.attributes, k) !== v && attr(rs.resource?.attributes, k) !== v) return false
        return true
      }
      const hits: string[] = []
      for (const rs of rss) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) if (spanOk(rs, s) && !hits.includes(s.traceId)) hits.push(s.traceId)
      const keep = new Set(hits.slice(0, depth))
      if (keep.size === 0) return HttpResponse.json({ error: { httpCode: 404, message: 'No traces found' } }, { status: 404 })
      const resourceSpans = rss
        .map((rs) => ({ ...rs, scopeSpans: (rs.scopeSpans ?? []).map((ss) => ({ ...ss, spans: (ss.spans ?? []).filter((s) => keep.has(s.traceId)) })) }))
        .filter((rs) => rs.scopeSpans.some((ss) => ss.spans.length))
      return HttpResponse.json({ result: { resourceSpans } })
    }),
  ]
}

/**
 * Two requests recorded by the OpenTelemetry SDK: the failing checkout of buildOtlpSample, and a
 * successful `GET /api/cart` of api-gateway (http.request.method=GET) that calls cart.
 */
export async function buildOtlpTraffic(): Promise<{ otlp: { resourceSpans: unknown[] }; failing: string; ok: string }> {
  const sample = await buildOtlpSample()
  const exporter = new InMemorySpanExporter()
  const provider = (service: string) =>
    new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const gateway = provider('api-gateway').getTracer('gateway')
  const cart = provider('cart').getTracer('cart')
  const root = gateway.startSpan('GET /api/cart', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.route': '/api/cart', 'http.response.status_code': 200 } })
  const call = gateway.startSpan('GET', { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'GET', 'url.full': 'http://cart:8080/items', 'server.address': 'cart', 'server.port': 8080 } }, trace.setSpan(context.active(), root))
  const served = cart.startSpan('GET /items', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET', 'http.route': '/items' } }, trace.setSpan(context.active(), call))
  served.end()
  call.end()
  root.end()
  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())
  if (!bytes) throw new Error('the OTLP serializer produced nothing')
  const extra = JSON.parse(new TextDecoder().decode(bytes)) as { resourceSpans: unknown[] }
  return { otlp: { resourceSpans: [...sample.otlp.resourceSpans, ...extra.resourceSpans] }, failing: sample.traceId, ok: root.spanContext().traceId }
}
