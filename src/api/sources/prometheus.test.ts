import { bypass, http, HttpResponse } from 'msw'
import { server } from '../../../mocks/node'
import { ApiError } from '../errors'
import { isCapabilityError } from './composite-unavailable'
import { createPrometheusSource } from './prometheus'
import recordedFixture from './prometheus.fixture.json'

/**
 * The Prometheus adapter against answers a real Prometheus 2.42 gave, scraping the integration
 * test's exporter (e2e/support/prometheus-exporter.mjs): api-gateway serves 80 req/s
 * ("POST /api/checkout" 30 req/s with 6 errors/s, all between 100 and 250 ms), stock-service 10 req/s
 * with 3 errors/s (each service also makes client calls: 80 req/s from api-gateway, 20 from
 * stock-service to its database, which its own series must not count), and the service graph api-gateway → checkout-bff → stock-service → mysql-stock.
 * Re-record with PROM_RECORD_URL=http://127.0.0.1:<port> (a running stack) to refresh the fixture.
 */
const recordFrom = import.meta.env.PROM_RECORD_URL as string | undefined
type Fixture = { window: { from: number; to: number }; answers: Record<string, unknown> }
const fixture: Fixture = recordFrom
  ? // ends before the live scrapes take over from the backfill (see e2e/support/prometheus-harness.mjs)
    { window: { from: Math.floor(Date.now() / 1000) * 1000 - 40_000 - 15 * 60_000, to: Math.floor(Date.now() / 1000) * 1000 - 40_000 }, answers: {} }
  : (recordedFixture as unknown as Fixture)
const { from, to } = fixture.window

const BASE = 'http://prom.test'
const key = (url: URL) => `${url.pathname} ${url.searchParams.get('query') ?? url.searchParams.getAll('match[]').join('|')}`

beforeEach(() => {
  server.use(
    http.get(`${BASE}/*`, async ({ request }) => {
      const url = new URL(request.url)
      if (recordFrom) {
        const real = await fetch(bypass(`${recordFrom}${url.pathname}${url.search}`))
        const body: unknown = await real.json()
        fixture.answers[key(url)] = body
        return HttpResponse.json(body as Record<string, unknown>, { status: real.status })
      }
      const body = fixture.answers[key(url)]
      return body ? HttpResponse.json(body as Record<string, unknown>) : HttpResponse.json({ status: 'error', error: `not recorded: ${key(url)}` }, { status: 422 })
    }),
  )
})
afterAll(async () => {
  if (!recordFrom) return
  // Node's fs, only when recording (the app's type setup has no Node types)
  const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as { writeFileSync(path: string, text: string): void }
  fs.writeFileSync('src/api/sources/prometheus.fixture.json', JSON.stringify(fixture, null, 1) + '\n')
})

const source = () => createPrometheusSource({ name: 'Prometheus', baseUrl: BASE })
const values = (points: [number, number | null][]) => points.map(([, v]) => v).filter((v): v is number => v !== null)

describe('Prometheus adapter on span metrics', () => {
  it('discovers the Tempo family and its label names', async () => {
    const d = await source().discover()
    expect(d.family).toMatchObject({ calls: 'traces_spanmetrics_calls_total', bucket: 'traces_spanmetrics_latency_bucket', toMicros: 1e6, service: 'service', operation: 'span_name' })
    expect(d.serviceGraph).toBe(true)
  })

  it('a chart waiting on the discovery of the span metrics is not cancelled when the view that asked for it first goes away', async () => {
    const s = source()
    const first = new AbortController()
    const leaving = s.discover(first.signal)
    const staying = s.discover(new AbortController().signal)
    first.abort()
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' })
    await expect(staying).resolves.toMatchObject({ family: { calls: 'traces_spanmetrics_calls_total' }, serviceGraph: true })
  })

  it('answers request rate, error rate and latency percentiles in the console units', async () => {
    const s = source()
    const rate = await s.queryMetrics({ metric: 'request_rate', service: 'api-gateway', from, to })
    expect(rate.series).toHaveLength(1)
    expect(rate.series[0].points.length).toBeGreaterThan(250)
    expect(values(rate.series[0].points).every((v) => Math.abs(v - 80) < 1e-6)).toBe(true)

    const errors = await s.queryMetrics({ metric: 'error_rate', service: 'api-gateway', operation: 'POST /api/checkout', from, to })
    expect(values(errors.series[0].points).every((v) => Math.abs(v - 0.2) < 1e-9)).toBe(true)

    const p99 = await s.queryMetrics({ metric: 'latency_p99', service: 'api-gateway', operation: 'POST /api/checkout', from, to })
    expect(values(p99.series[0].points).every((v) => Math.abs(v - 248_500) < 1)).toBe(true)
    // histogram_quantile over classic buckets: the chart marks it approximate
    expect(p99.percentileBasis).toBe('buckets')
    expect(errors.percentileBasis).toBeUndefined()
    const p50 = await s.queryMetrics({ metric: 'latency_p50', service: 'stock-service', from, to })
    expect(values(p50.series[0].points).every((v) => Math.abs(v - 37_500) < 1)).toBe(true)
  })

  it('measures a whole service by the requests it serves, not the calls it makes', async () => {
    const s = source()
    // checkout-bff serves PlaceOrder (30/s, 20 % failing, 50–100 ms) and calls ReserveStock (10/s, 30 % failing, 25–50 ms)
    const rate = await s.queryMetrics({ metric: 'request_rate', service: 'checkout-bff', from, to })
    expect(values(rate.series[0].points).every((v) => Math.abs(v - 30) < 1e-6)).toBe(true)
    const errors = await s.queryMetrics({ metric: 'error_rate', service: 'checkout-bff', from, to })
    expect(values(errors.series[0].points).every((v) => Math.abs(v - 0.2) < 1e-9)).toBe(true)
    const p50 = await s.queryMetrics({ metric: 'latency_p50', service: 'checkout-bff', from, to })
    expect(values(p50.series[0].points).every((v) => Math.abs(v - 75_000) < 1)).toBe(true)
    // the same number the topology's node shows for it
    const node = (await s.getTopology({ from, to })).nodes.find((n) => n.id === 'checkout-bff')
    expect(node?.rps).toBeCloseTo(30, 6)
  })

  it('gives an error rate of 0 (not a gap) for a series without errors, and one series per group', async () => {
    const byOp = await source().queryMetrics({ metric: 'error_rate', service: 'api-gateway', groupBy: 'span_name', from, to })
    const got = Object.fromEntries(byOp.series.map((s) => [s.labels.span_name, values(s.points)[0]]))
    expect(Object.keys(got).sort()).toEqual(['GET /api/products', 'POST /api/checkout'])
    expect(got['GET /api/products']).toBe(0)
    expect(got['POST /api/checkout']).toBeCloseTo(0.2, 9)
  })

  it('lists the label values a filter can use', async () => {
    const labels = await source().getMetricLabels({ service: 'api-gateway', from, to })
    expect(labels.span_name).toEqual(['GET /api/products', 'GET /products', 'POST /api/checkout', 'PlaceOrder'])
    expect(labels.span_kind).toEqual(['SPAN_KIND_CLIENT', 'SPAN_KIND_SERVER'])
    expect(labels.status_code).toContain('STATUS_CODE_ERROR')
    expect(labels).not.toHaveProperty('service')
  })

  it('turns exemplars into trace links with latency in µs and the error flag', async () => {
    const { exemplars } = await source().getExemplars({ service: 'api-gateway', operation: 'POST /api/checkout', from, to })
    expect(exemplars.map((e) => e.traceId).sort()).toEqual(['0af7651916cd43dd8448eb211c80319c', '7f3c9a2b1d4e5f60718293a4b5c6d7e8'])
    const failing = exemplars.find((e) => e.isError)
    expect(failing).toMatchObject({ traceId: '7f3c9a2b1d4e5f60718293a4b5c6d7e8', spanId: '1a2b3c4d5e6f7081', latency: 200_000, service: 'api-gateway', operation: 'POST /api/checkout' })
  })

  it("measures the calls from one service to another (topology's edge links) by the service graph's client and server labels", async () => {
    const s = source()
    const caller = [{ key: 'FromService', value: 'checkout-bff' }]
    // checkout-bff → stock-service: 10 calls/s, 3 failing, all between 25 and 50 ms
    const rate = await s.queryMetrics({ metric: 'request_rate', service: 'stock-service', filters: caller, from, to })
    expect(values(rate.series[0].points).every((v) => Math.abs(v - 10) < 1e-6)).toBe(true)
    const errors = await s.queryMetrics({ metric: 'error_rate', service: 'stock-service', filters: caller, from, to })
    expect(values(errors.series[0].points).every((v) => Math.abs(v - 0.3) < 1e-9)).toBe(true)
    const p50 = await s.queryMetrics({ metric: 'latency_p50', service: 'stock-service', filters: caller, from, to })
    expect(values(p50.series[0].points).every((v) => Math.abs(v - 37_500) < 1)).toBe(true)
    const none = await s.getExemplars({ service: 'stock-service', filters: caller, from, to })
    expect(none.exemplars).toEqual([])
    expect(none.partial?.reason).toMatch(/not per caller/)
  })

  it('lists the services the store has series for, with the operations each serves (not the trace backend\'s list)', async () => {
    const services = await source().getMetricServices({ from, to })
    expect(services.map((x) => x.name)).toEqual(['api-gateway', 'checkout-bff', 'stock-service'])
    expect(services[0].operations).toEqual([
      { name: 'GET /api/products', kind: 'server' },
      { name: 'POST /api/checkout', kind: 'server' },
    ])
  })

  it('knows exemplar storage is on (the store lists exemplar-storage among its enabled features)', async () => {
    expect(await source().checkCapabilities()).toEqual({})
  })

  it('builds the topology from service-graph metrics: nodes are clients and servers', async () => {
    const topo = await source().getTopology({ from, to })
    expect(topo.nodes.map((n) => n.id)).toEqual(['api-gateway', 'catalog-service', 'checkout-bff', 'mysql-stock', 'stock-service'])
    const edge = topo.edges.find((e) => e.id === 'checkout-bff->stock-service')
    expect(edge?.rps).toBeCloseTo(10, 6)
    expect(edge?.p50).toBe(37_500)
    expect(edge?.errorRate).toBeCloseTo(0.3, 9)
    const stock = topo.nodes.find((n) => n.id === 'stock-service')
    expect(stock?.rps).toBeCloseTo(10, 6)
    expect(stock?.health).toBe('critical')
    const gateway = topo.nodes.find((n) => n.id === 'api-gateway')
    expect(gateway?.rps).toBeCloseTo(80, 6)
    expect(gateway?.layer).toBe('entry')
    expect(topo.nodes.find((n) => n.id === 'mysql-stock')?.layer).toBe('storage')
  })

  it('says plainly that size and queue-lag series are not available', async () => {
    const err = await source().queryMetrics({ metric: 'send_size', service: 'api-gateway', from, to }).catch((e: unknown) => e)
    expect(isCapabilityError(err)).toBe(true)
    expect(String((err as Error).message)).toMatch(/not available with Prometheus/)
  })
})

describe('Prometheus without exemplar storage', () => {
  // what Prometheus 2.42 answers when started without --enable-feature=exemplar-storage: its flags
  // list no feature, and /api/v1/query_exemplars succeeds with nothing
  const withoutExemplarStorage = () =>
    server.use(
      http.get(`${BASE}/api/v1/status/flags`, () => HttpResponse.json({ status: 'success', data: { 'enable-feature': '', 'storage.tsdb.path': 'data/' } })),
      http.get(`${BASE}/api/v1/query_exemplars`, () => HttpResponse.json({ status: 'success', data: [] })),
    )

  it('says exemplars are not kept, rather than showing none', async () => {
    withoutExemplarStorage()
    const s = source()
    expect((await s.checkCapabilities()).exemplars).toMatch(/Prometheus keeps no exemplars: it runs without exemplar storage \(start it with --enable-feature=exemplar-storage\)/)
    const err = await s.getExemplars({ service: 'api-gateway', from, to }).catch((e: unknown) => e)
    expect(isCapabilityError(err)).toBe(true)
  })

  it('claims nothing when the store has no flags endpoint (Thanos, Mimir)', async () => {
    server.use(http.get(`${BASE}/api/v1/status/flags`, () => new HttpResponse('404 page not found', { status: 404 })))
    expect(await source().checkCapabilities()).toEqual({})
  })
})

describe('Prometheus failures in plain words', () => {
  const fail = (response: () => Response) => server.use(http.get(`${BASE}/*`, response))
  const discoverError = async (): Promise<ApiError> => source().discover().then(() => { throw new Error('expected a failure') }, (e: unknown) => e as ApiError)

  it('names the header to check when the store rejects the credentials', async () => {
    fail(() => new HttpResponse('unauthorized', { status: 401 }))
    const e = await discoverError()
    expect(e).toBeInstanceOf(ApiError)
    expect(e.message).toMatch(/Prometheus rejected the request \(401 Unauthorized\)\. Check the Authorization header/)
  })

  it('says which endpoint is missing on a 404', async () => {
    fail(() => new HttpResponse('404 page not found', { status: 404 }))
    expect((await discoverError()).message).toMatch(/has no endpoint \/api\/v1\/label\/__name__\/values \(404\)/)
  })

  it('says it could not reach the store, and mentions CORS for another origin', async () => {
    fail(() => HttpResponse.error())
    const e = await discoverError()
    expect(e.message).toMatch(/Prometheus at http:\/\/prom.test could not be reached/)
    expect(e.message).toMatch(/CORS/)
  })

  it('points at a wrong base URL when the answer is a web page', async () => {
    fail(() => new HttpResponse('<!doctype html><html></html>', { headers: { 'Content-Type': 'text/html' } }))
    expect((await discoverError()).message).toMatch(/not JSON: the base URL probably points at a web page/)
  })

  it('sends the configured Authorization header', async () => {
    let seen: string | null = null
    fail(() => HttpResponse.json({ status: 'success', data: [] }))
    server.use(
      http.get(`${BASE}/*`, ({ request }) => {
        seen = request.headers.get('authorization')
        return HttpResponse.json({ status: 'success', data: [] })
      }),
    )
    await createPrometheusSource({ name: 'Prometheus', baseUrl: BASE, authHeader: 'Bearer s3cret' }).discover()
    expect(seen).toBe('Bearer s3cret')
  })
})
