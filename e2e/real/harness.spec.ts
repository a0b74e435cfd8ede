import { expect, test } from '@playwright/test'
import { realStack } from '../support/real-stack.mjs'

/**
 * The contract other specs of this project rely on: what the real servers hold after the setup, checked
 * on the servers' own APIs against the traffic's declared facts (e2e/servers/traffic.mjs, the manifest).
 */
const stack = realStack()

type JaegerTag = { key: string; value: unknown }
type JaegerSpan = { spanID: string; operationName: string; processID: string; tags: JaegerTag[]; logs: { fields: JaegerTag[] }[]; references: { spanID: string }[] }
type JaegerTrace = { spans: JaegerSpan[]; processes: Record<string, { serviceName: string }> }

async function jaegerTrace(id: string): Promise<JaegerTrace> {
  if (stack.skip !== null) throw new Error(stack.skip)
  const r = await fetch(`${stack.jaegerUrl}/api/traces/${id}`)
  expect(r.status).toBe(200)
  return ((await r.json()) as { data: JaegerTrace[] }).data[0]
}

const tag = (s: JaegerSpan, key: string) => s.tags.find((t) => t.key === key)?.value
const service = (t: JaegerTrace, s: JaegerSpan) => t.processes[s.processID].serviceName
const find = (t: JaegerTrace, svc: string, op: string) => {
  const s = t.spans.find((x) => service(t, x) === svc && x.operationName === op)
  if (!s) throw new Error(`no span ${svc} "${op}" in the trace`)
  return s
}

async function promQuery(query: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  if (stack.skip !== null) throw new Error(stack.skip)
  const r = await fetch(`${stack.promUrl}/api/v1/query?query=${encodeURIComponent(query)}`)
  const body = (await r.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } }
  expect(body.status).toBe('success')
  return body.data.result
}

test.beforeEach(() => {
  test.skip(stack.skip !== null, stack.skip ?? '')
})

test('Jaeger holds the story traces as declared: 20,000 spans, the 500 → 502 chain, the swallowed 503, the failed consumer', async () => {
  if (stack.skip !== null) return
  const { traces, bigTraceSpans } = stack.manifest
  const big = await jaegerTrace(traces.big)
  expect(big.spans).toHaveLength(bigTraceSpans)
  expect(new Set(big.spans.map((s) => service(big, s)))).toEqual(new Set(['report-builder', 'catalog']))
  // the v3 API serves the same trace whole (OTLP JSON)
  const v3 = (await (await fetch(`${stack.jaegerUrl}/api/v3/traces/${traces.big}`)).json()) as { result: { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] } }
  expect(v3.result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))).toHaveLength(bigTraceSpans)

  const chain = await jaegerTrace(traces.errorChain)
  const payment = find(chain, 'payment', 'POST /charges')
  expect(tag(payment, 'http.response.status_code')).toBe(500)
  expect(tag(payment, 'otel.status_code')).toBe('ERROR')
  expect(payment.logs.some((l) => l.fields.some((f) => f.key === 'exception.type' && f.value === 'TypeError'))).toBe(true)
  expect(tag(find(chain, 'checkout', 'POST /orders'), 'http.response.status_code')).toBe(502)
  expect(tag(find(chain, 'frontend', 'POST /api/checkout'), 'http.response.status_code')).toBe(502)

  const swallowed = await jaegerTrace(traces.swallowed)
  expect(tag(find(swallowed, 'recommendations', 'GET /recommendations'), 'http.response.status_code')).toBe(503)
  const root = find(swallowed, 'frontend', 'GET /api/products/{id}')
  expect(tag(root, 'http.response.status_code')).toBe(200)
  expect(tag(root, 'otel.status_code')).toBeUndefined()

  const async = await jaegerTrace(traces.asyncFailure)
  const consumer = find(async, 'order-worker', 'process orders')
  expect(tag(consumer, 'span.kind')).toBe('consumer')
  expect(tag(consumer, 'otel.status_code')).toBe('ERROR')
  // the consumer is a child of the producer span, and the request itself succeeded
  expect(consumer.references[0].spanID).toBe(find(async, 'checkout', 'send orders').spanID)
  expect(tag(find(async, 'frontend', 'POST /api/checkout'), 'http.response.status_code')).toBe(200)
})

test('Prometheus: each service serves the declared steady rate, exemplars point at traces Jaeger holds, the service graph has every edge', async () => {
  test.setTimeout(120_000)
  if (stack.skip !== null) return
  const { steadyRates, edges } = stack.manifest
  // a 30 s rate needs 30 s of steady load after the start
  const wait = Date.parse(stack.startedAt) + 35_000 - Date.now()
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))

  // what each service serves (server and consumer spans) per second, within 20 % (the 30 s window
  // holds 15 scrapes of counters the collector flushes every 2 s)
  const served = await promQuery('sum by (service_name) (rate(traces_span_metrics_calls_total{span_kind=~"SPAN_KIND_SERVER|SPAN_KIND_CONSUMER"}[30s]))')
  const measured = Object.fromEntries(served.map((s) => [s.metric.service_name, Number(s.value[1])]))
  for (const [svc, truth] of Object.entries(steadyRates)) {
    expect(measured[svc], svc).toBeGreaterThan(truth.served * 0.8)
    expect(measured[svc], svc).toBeLessThan(truth.served * 1.2)
  }

  const now = Date.now() / 1000
  const r = await fetch(`${stack.promUrl}/api/v1/query_exemplars?query=${encodeURIComponent('traces_span_metrics_duration_milliseconds_bucket{service_name="frontend"}')}&start=${now - 600}&end=${now}`)
  const ex = ((await r.json()) as { data: { exemplars: { labels: Record<string, string> }[] }[] }).data.flatMap((s) => s.exemplars)
  expect(ex.length).toBeGreaterThan(0)
  const traceId = ex[ex.length - 1].labels.trace_id
  expect(traceId).toMatch(/^[0-9a-f]{32}$/)
  expect((await jaegerTrace(traceId)).spans.length).toBeGreaterThan(0)

  // calls to a host outside the traffic appear once the connector gives up waiting for a server span
  await expect
    .poll(async () => {
      const series = await promQuery('sum by (client, server, connection_type) (traces_service_graph_request_total)')
      return series.map((s) => `${s.metric.client} → ${s.metric.server} ${s.metric.connection_type ?? ''}`.trim()).sort()
    }, { timeout: 60_000 })
    .toEqual(expect.arrayContaining(edges.map((e) => `${e.client} → ${e.server} ${e.type}`.trim())))
})
