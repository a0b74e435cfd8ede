// A tiny span-metrics + service-graph exporter for the Prometheus integration test.
// Counters grow linearly from T0, so every rate Prometheus computes is exactly the rate below;
// every histogram puts all observations of a series in one bucket (lo, hi], so quantile q is
// exactly lo + (hi - lo) * q. The same model also writes a backfill file (promtool), so half an hour
// of history exists when the test starts and no rate window is only partly covered.
import http from 'node:http'

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** Span metrics (Tempo's metrics-generator naming: traces_spanmetrics_*, seconds). */
export const SPANS = [
  { service: 'api-gateway', span_name: 'POST /api/checkout', span_kind: 'SPAN_KIND_SERVER', ok: 24, error: 6, lo: 0.1, hi: 0.25 },
  { service: 'api-gateway', span_name: 'GET /api/products', span_kind: 'SPAN_KIND_SERVER', ok: 50, error: 0, lo: 0.01, hi: 0.025 },
  { service: 'checkout-bff', span_name: 'PlaceOrder', span_kind: 'SPAN_KIND_SERVER', ok: 24, error: 6, lo: 0.05, hi: 0.1 },
  { service: 'stock-service', span_name: 'ReserveStock', span_kind: 'SPAN_KIND_SERVER', ok: 7, error: 3, lo: 0.025, hi: 0.05 },
  // the calls the services make (client spans): a service's own RED series must not count them
  { service: 'api-gateway', span_name: 'PlaceOrder', span_kind: 'SPAN_KIND_CLIENT', ok: 24, error: 6, lo: 0.05, hi: 0.1 },
  { service: 'api-gateway', span_name: 'GET /products', span_kind: 'SPAN_KIND_CLIENT', ok: 50, error: 0, lo: 0.005, hi: 0.01 },
  { service: 'checkout-bff', span_name: 'ReserveStock', span_kind: 'SPAN_KIND_CLIENT', ok: 7, error: 3, lo: 0.025, hi: 0.05 },
  { service: 'stock-service', span_name: 'SELECT stock', span_kind: 'SPAN_KIND_CLIENT', ok: 20, error: 0, lo: 0.001, hi: 0.005 },
]

/** Service-graph edges (client → server), rates per second. */
export const EDGES = [
  { client: 'api-gateway', server: 'checkout-bff', connection_type: '', rate: 30, failed: 6, lo: 0.05, hi: 0.1 },
  { client: 'api-gateway', server: 'catalog-service', connection_type: '', rate: 50, failed: 0, lo: 0.005, hi: 0.01 },
  { client: 'checkout-bff', server: 'stock-service', connection_type: '', rate: 10, failed: 3, lo: 0.025, hi: 0.05 },
  { client: 'stock-service', server: 'mysql-stock', connection_type: 'database', rate: 20, failed: 0, lo: 0.001, hi: 0.005 },
]

/** Exemplars attached to latency buckets (trace ids the test looks for). */
export const EXEMPLARS = [
  { service: 'api-gateway', span_name: 'POST /api/checkout', status: 'STATUS_CODE_ERROR', trace_id: '7f3c9a2b1d4e5f60718293a4b5c6d7e8', span_id: '1a2b3c4d5e6f7081', value: 0.2 },
  { service: 'api-gateway', span_name: 'POST /api/checkout', status: 'STATUS_CODE_UNSET', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', value: 0.12 },
]

const previousBucket = (le) => BUCKETS[BUCKETS.indexOf(le) - 1] ?? 0

const lbl = (o) =>
  '{' +
  Object.entries(o)
    .map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',') +
  '}'

const num = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(6))

/**
 * Families as [{ name, type, samples: [{ metric, labels, value, exemplar? }] }] at time t (seconds),
 * with counters started at t0.
 */
function families(t, t0, withExemplars, exemplarTime) {
  const dt = Math.max(0, t - t0)
  const calls = { name: 'traces_spanmetrics_calls', type: 'counter', samples: [] }
  const lat = { name: 'traces_spanmetrics_latency', type: 'histogram', samples: [] }
  for (const s of SPANS) {
    for (const [status, rate] of [['STATUS_CODE_UNSET', s.ok], ['STATUS_CODE_ERROR', s.error]]) {
      if (rate === 0) continue
      const base = { service: s.service, span_name: s.span_name, span_kind: s.span_kind, status_code: status }
      const count = rate * dt
      calls.samples.push({ metric: 'traces_spanmetrics_calls_total', labels: base, value: count })
      for (const le of [...BUCKETS, '+Inf']) {
        const ex = withExemplars
          ? EXEMPLARS.find((e) => e.service === s.service && e.span_name === s.span_name && e.status === status && le !== '+Inf' && e.value <= le && e.value > previousBucket(le))
          : undefined
        lat.samples.push({
          metric: 'traces_spanmetrics_latency_bucket',
          labels: { ...base, le: le === '+Inf' ? '+Inf' : String(le) },
          value: le === '+Inf' || le >= s.hi ? count : 0,
          exemplar: ex ? `# {trace_id="${ex.trace_id}",span_id="${ex.span_id}"} ${ex.value} ${exemplarTime.toFixed(3)}` : undefined,
        })
      }
      lat.samples.push({ metric: 'traces_spanmetrics_latency_count', labels: base, value: count })
      lat.samples.push({ metric: 'traces_spanmetrics_latency_sum', labels: base, value: count * ((s.lo + s.hi) / 2) })
    }
  }
  const req = { name: 'traces_service_graph_request', type: 'counter', samples: [] }
  const failed = { name: 'traces_service_graph_request_failed', type: 'counter', samples: [] }
  const server = { name: 'traces_service_graph_request_server_seconds', type: 'histogram', samples: [] }
  const client = { name: 'traces_service_graph_request_client_seconds', type: 'histogram', samples: [] }
  for (const e of EDGES) {
    const base = { client: e.client, server: e.server, connection_type: e.connection_type }
    const count = e.rate * dt
    req.samples.push({ metric: 'traces_service_graph_request_total', labels: base, value: count })
    failed.samples.push({ metric: 'traces_service_graph_request_failed_total', labels: base, value: e.failed * dt })
    for (const [fam, prefix] of [[server, 'traces_service_graph_request_server_seconds'], [client, 'traces_service_graph_request_client_seconds']]) {
      for (const le of [...BUCKETS, '+Inf'])
        fam.samples.push({ metric: `${prefix}_bucket`, labels: { ...base, le: String(le) }, value: le === '+Inf' || le >= e.hi ? count : 0 })
      fam.samples.push({ metric: `${prefix}_count`, labels: base, value: count })
      fam.samples.push({ metric: `${prefix}_sum`, labels: base, value: count * ((e.lo + e.hi) / 2) })
    }
  }
  return [calls, lat, req, failed, server, client]
}

/** One OpenMetrics exposition at time t (seconds), sample timestamps included. */
export function exposition(t, t0, exemplarTime) {
  const lines = []
  for (const f of families(t, t0, true, exemplarTime)) {
    lines.push(`# TYPE ${f.name} ${f.type}`)
    for (const s of f.samples) lines.push(`${s.metric}${lbl(s.labels)} ${num(s.value)} ${t.toFixed(3)}${s.exemplar ? ` ${s.exemplar}` : ''}`)
  }
  lines.push('# EOF')
  return lines.join('\n') + '\n'
}

/**
 * Backfill text for `promtool tsdb create-blocks-from openmetrics`: every `stepSec` from t0 to t1.
 * `target` holds the labels the scrape adds (job, instance), so backfill and live scrapes are one series.
 */
export function backfill(t0, t1, stepSec, target = {}) {
  // one interval throughout (the live scrape interval): Prometheus extrapolates a rate window's
  // edges by the average sample interval, so mixed intervals would bend the rates
  const times = []
  for (let t = t0; t < t1; t += stepSec) times.push(t)
  const lines = []
  const at = times.map((t) => families(t, t0, false, 0))
  const shapes = families(t0, t0, false, 0)
  shapes.forEach((shape, fi) => {
    lines.push(`# TYPE ${shape.name} ${shape.type}`)
    shape.samples.forEach((s, si) => {
      times.forEach((t, ti) => lines.push(`${s.metric}${lbl({ ...s.labels, ...target })} ${num(at[ti][fi].samples[si].value)} ${t.toFixed(3)}`))
    })
  })
  lines.push('# EOF')
  return lines.join('\n') + '\n'
}

/** Serves /metrics; returns { url, close }. */
export function startExporter({ port, t0, exemplarTime }) {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/metrics')) {
      res.writeHead(200, { 'Content-Type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' })
      res.end(exposition(Date.now() / 1000, t0, exemplarTime))
    } else {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}/metrics`, close: () => new Promise((r) => server.close(() => r())) }),
    )
  })
}
