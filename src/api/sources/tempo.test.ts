import { http, HttpResponse } from 'msw'
import { server } from '../../../mocks/node'
import { toTraceQL } from './tempo-map'
import { createTempoSource } from './tempo'
import { buildOtlpSample } from './tempo-otlp.test-util'

const BASE = 'http://tempo.test'
const tempo = () => createTempoSource({ name: 'Tempo', baseUrl: BASE })
const window = { from: 1_700_000_000_000, to: 1_700_000_900_000 }

/** Tempo's JSON writer uses protobuf-JSON: ids in base64, and the v1 API wraps spans in `batches`. */
const hexToBase64 = (hex: string) => btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((b) => parseInt(b, 16))))
function asTempoV1(otlp: { resourceSpans: unknown[] }): { batches: unknown[] } {
  const text = JSON.stringify(otlp.resourceSpans).replace(/"(traceId|spanId|parentSpanId)":"([0-9a-f]+)"/g, (_m, k: string, v: string) => `"${k}":"${hexToBase64(v)}"`)
  return { batches: JSON.parse(text) as unknown[] }
}

describe('Tempo traces', () => {
  it('opens a trace by id from the v1 API (batches, base64 ids) when /api/v2 is missing', async () => {
    const { otlp, traceId } = await buildOtlpSample()
    server.use(
      http.get(`${BASE}/api/v2/traces/:id`, () => new HttpResponse('404 page not found', { status: 404 })),
      http.get(`${BASE}/api/traces/:id`, () => HttpResponse.json(asTempoV1(otlp))),
    )
    const trace = await tempo().getTrace(traceId)
    expect(trace.traceId).toBe(traceId)
    expect(trace.spans).toHaveLength(5)
    const root = trace.spans.find((s) => s.parentSpanId === null)
    expect(root).toMatchObject({ service: 'api-gateway', name: 'POST /api/checkout', kind: 'server', status: 'error' })
    const db = trace.spans.find((s) => s.name === 'SELECT stock')
    expect(db?.parentSpanId).toBe(trace.spans.find((s) => s.name === 'ReserveStock')?.spanId)
  })

  it('opens a trace from the v2 API and says plainly when it does not exist', async () => {
    const { otlp, traceId } = await buildOtlpSample()
    server.use(
      http.get(`${BASE}/api/v2/traces/:id`, ({ params }) =>
        params.id === traceId ? HttpResponse.json({ trace: otlp }) : new HttpResponse('trace not found', { status: 404 }),
      ),
      http.get(`${BASE}/api/traces/:id`, () => new HttpResponse('trace not found', { status: 404 })),
    )
    expect((await tempo().getTrace(traceId)).spans).toHaveLength(5)
    await expect(tempo().getTrace('00000000000000000000000000000001')).rejects.toThrow('Tempo has no trace 00000000000000000000000000000001')
  })

  it('searches with TraceQL and maps the search answer', async () => {
    let q = ''
    server.use(
      http.get(`${BASE}/api/search`, ({ request }) => {
        q = new URL(request.url).searchParams.get('q') ?? ''
        // the shape Tempo 2.x answers (docs: "Search with TraceQL")
        return HttpResponse.json({
          traces: [
            {
              traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54',
              rootServiceName: 'shop-backend',
              rootTraceName: 'update-billing',
              startTimeUnixNano: '1684778327699392724',
              durationMs: 557,
              spanSets: [{ spans: [{ spanID: '563d623c76514f8e', startTimeUnixNano: '1684778327735077898', durationNanos: '446979497' }], matched: 1 }],
              serviceStats: { 'shop-backend': { spanCount: 4, errorCount: 1 }, 'billing': { spanCount: 2 } },
            },
            { traceID: 'b3c08ae3f1a2e4', rootServiceName: 'shop-backend', rootTraceName: 'list', startTimeUnixNano: '1684778327000000000', durationMs: 12 },
          ],
          metrics: { inspectedBytes: '1000', completedJobs: 3, totalJobs: 4 },
        })
      }),
    )
    const result = await tempo().searchTraces({ ...window, service: 'shop-backend', status: 'error', minDuration: 100_000, tags: [{ key: 'http.status_code', value: '500' }] })
    expect(q).toBe('{ resource.service.name = "shop-backend" && .http.status_code = 500 && status = error && duration >= 100000us }')
    expect(result.traces[0]).toMatchObject({ traceId: '2f3e0cee77ae5dc9c17ade3689eb2e54', rootService: 'shop-backend', rootOperation: 'update-billing', duration: 557_000, spanCount: 6, errorCount: 1 })
    expect(result.traces[1].traceId).toBe('000000000000000000b3c08ae3f1a2e4')
    expect(result.partial?.reason).toBe('Tempo searched 3 of 4 blocks')
  })

  it('a span-level search asks TraceQL for one span of the series with its own duration, and names the slowest matched span in the window', async () => {
    let q = ''
    const start = '1684778327735077898'
    server.use(
      http.get(`${BASE}/api/search`, ({ request }) => {
        q = new URL(request.url).searchParams.get('q') ?? ''
        return HttpResponse.json({
          traces: [
            {
              traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54', rootServiceName: 'shop-backend', rootTraceName: 'update-billing', startTimeUnixNano: start, durationMs: 557,
              spanSets: [{ matched: 2, spans: [
                { spanID: '563d623c76514f8e', name: 'SELECT stock', startTimeUnixNano: start, durationNanos: '40000000' },
                { spanID: '663d623c76514f8e', name: 'SELECT stock', startTimeUnixNano: '1684778327835077898', durationNanos: '90000000' },
              ] }],
            },
            // its only matched span started before the window: not a match for this selection
            { traceID: 'b3c08ae3f1a2e4', startTimeUnixNano: '1684778000000000000', durationMs: 12, spanSets: [{ matched: 1, spans: [{ spanID: '01', startTimeUnixNano: '1684778000000000000', durationNanos: '50000000' }] }] },
          ],
        })
      }),
    )
    const from = 1684778100000
    const result = await tempo().searchTraces({ from, to: from + 600_000, service: 'stock', operation: 'SELECT stock', span: { minDuration: 30_000, tags: [{ key: 'DC', value: 'dc-east' }] } })
    expect(q).toBe('{ resource.service.name = "stock" && name = "SELECT stock" && .DC = "dc-east" && duration >= 30000us }')
    expect(result.traces.map((t) => t.traceId)).toEqual(['2f3e0cee77ae5dc9c17ade3689eb2e54'])
    expect(result.traces[0].match).toEqual({ spanId: '663d623c76514f8e', service: 'stock', operation: 'SELECT stock', startTime: 1684778327835078, duration: 90_000, status: 'unknown', count: 2 })
    const failed = await tempo().searchTraces({ from, to: from + 600_000, service: 'stock', span: { status: 'error' } })
    expect(q).toBe('{ resource.service.name = "stock" && status = error }')
    expect(failed.traces[0].match).toMatchObject({ spanId: '563d623c76514f8e', status: 'error' })
  })

  it('quotes user input in TraceQL', () => {
    expect(toTraceQL({ ...window, operation: 'say "hi"' })).toBe('{ name = "say \\"hi\\"" }')
    expect(toTraceQL({ ...window })).toBe('{}')
  })

  it('lists services and their operations from tag values', async () => {
    server.use(
      http.get(`${BASE}/api/v2/search/tag/:tag/values`, ({ params }) =>
        HttpResponse.json({
          tagValues: params.tag === 'resource.service.name' ? [{ type: 'string', value: 'cart' }, { type: 'string', value: 'api' }] : [{ type: 'string', value: 'GET /cart' }],
        }),
      ),
    )
    const t = tempo()
    const services = await t.getServices(window)
    expect(services.map((s) => s.name)).toEqual(['api', 'cart'])
    expect(await t.getOperations?.('cart', window)).toEqual([{ name: 'GET /cart', kind: 'server' }])
  })
})

describe('Tempo TraceQL metrics', () => {
  const metricsAnswer = (value: number, exemplarTrace?: string) => ({
    series: [
      {
        labels: [{ key: '__name__', value: { stringValue: 'rate' } }],
        samples: [
          { timestampMs: String(window.from), value },
          { timestampMs: String(window.from + 3000), value },
        ],
        exemplars: exemplarTrace
          ? [{ labels: [{ key: 'trace:id', value: { stringValue: exemplarTrace } }, { key: 'span:id', value: { stringValue: 'aabbccddeeff0011' } }], value: 0.25, timestampMs: String(window.from + 1000) }]
          : [],
      },
    ],
  })

  it('divides failing by all calls for the error rate', async () => {
    server.use(
      http.get(`${BASE}/api/metrics/query_range`, ({ request }) =>
        HttpResponse.json(metricsAnswer(new URL(request.url).searchParams.get('q')?.includes('status = error') ? 2 : 8)),
      ),
    )
    const r = await tempo().queryMetrics({ ...window, metric: 'error_rate', service: 'cart' })
    expect(r.series[0].points[0][1]).toBe(0.25)
    expect(r.percentileBasis).toBeUndefined()
  })

  it('marks quantile_over_time latencies as approximate (sampled spans, coarse buckets)', async () => {
    server.use(http.get(`${BASE}/api/metrics/query_range`, () => HttpResponse.json(metricsAnswer(0.2))))
    const r = await tempo().queryMetrics({ ...window, metric: 'latency_p99', service: 'cart' })
    expect(r.series[0].points[0][1]).toBeCloseTo(200_000)
    expect(r.percentileBasis).toBe('tempo')
  })

  it('turns latency exemplars into trace links, failing ones marked', async () => {
    server.use(
      http.get(`${BASE}/api/metrics/query_range`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('q')?.includes('status = error')
            ? metricsAnswer(0.3, '11111111111111111111111111111111')
            : metricsAnswer(0.2, '22222222222222222222222222222222'),
        ),
      ),
    )
    const { exemplars } = await tempo().getExemplars({ ...window, service: 'cart' })
    expect(exemplars.map((e) => [e.traceId, e.isError, e.latency])).toEqual([
      ['11111111111111111111111111111111', true, 250_000],
      ['22222222222222222222222222222222', false, 250_000],
    ])
  })

  it('says where TraceQL metrics are missing (Tempo before 2.4)', async () => {
    server.use(http.get(`${BASE}/api/metrics/query_range`, () => new HttpResponse('404 page not found', { status: 404 })))
    await expect(tempo().queryMetrics({ ...window, metric: 'request_rate', service: 'cart' })).rejects.toThrow(
      'Tempo at http://tempo.test has no endpoint /api/metrics/query_range (404)',
    )
  })
})

describe('Tempo search in the shapes of the current HTTP API documentation', () => {
  it('reads an answer with spanSets, upper-case ids, durations as numbers and no serviceStats', async () => {
    server.use(
      http.get(`${BASE}/api/search`, () =>
        // GET /api/search?q={...} as documented for Tempo 2.x ("Search with TraceQL"): spanSets, metrics.inspectedBytes as text
        HttpResponse.json({
          traces: [
            {
              traceID: '5B8EFFF798038103D269B633813FC60C',
              rootServiceName: 'order-service',
              rootTraceName: 'POST /orders',
              startTimeUnixNano: '1746259100000000000',
              durationMs: 145,
              spanSets: [
                { spans: [{ spanID: 'EEE19B7EC3C1B173', startTimeUnixNano: '1746259100000000000', durationNanos: 145000000, attributes: [{ key: 'http.status_code', value: { intValue: 500 } }] }], matched: 1 },
              ],
            },
          ],
          metrics: { inspectedTraces: 1247, inspectedBytes: '23847291' },
        }),
      ),
    )
    const result = await tempo().searchTraces({ ...window, service: 'order-service', tags: [{ key: 'http.status_code', value: '500' }] })
    expect(result.traces).toEqual([
      expect.objectContaining({ traceId: '5b8efff798038103d269b633813fc60c', rootService: 'order-service', rootOperation: 'POST /orders', duration: 145_000, startTime: 1_746_259_100_000_000 }),
    ])
    expect(result.partial).toBeNull()
  })

  it('puts every condition on one span of the chosen service, and never drops the "ok" status', () => {
    expect(toTraceQL({ ...window, service: 'checkout', status: 'error', minDuration: 250_000 })).toBe('{ resource.service.name = "checkout" && status = error && duration >= 250000us }')
    expect(toTraceQL({ ...window, service: 'checkout', status: 'ok' })).toBe('{ resource.service.name = "checkout" && status != error }')
  })

  it('searches the calls from one service to another by the trace structure, not by a field no backend has', () => {
    expect(toTraceQL({ ...window, service: 'frontend', tags: [{ key: 'ToService', value: 'cart' }] })).toBe(
      '({ resource.service.name = "frontend" } > { resource.service.name = "cart" }) || { resource.service.name = "frontend" && (span.peer.service = "cart" || span.server.address = "cart" || span.db.namespace = "cart" || span.messaging.destination.name = "cart") }',
    )
  })
})
