/**
 * Path analysis and traffic sources through the Jaeger and Tempo adapters: traces recorded with the
 * OpenTelemetry SDK, served by a stand-in for Jaeger's v3 HTTP API that speaks its wire format and
 * parses the search as Jaeger v2.19 does (jaeger-server.test-util.ts), and by a stand-in for
 * Tempo's search (TraceQL by service and span name, start/end in seconds, limit) and v2 trace API.
 */
import { context, SpanKind, trace } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { server } from '../../../../mocks/node'
import { createJaegerSource } from '../../../api/sources/jaeger'
import { createTempoSource } from '../../../api/sources/tempo'
import { jaegerV3Handlers } from '../../../api/sources/jaeger-server.test-util'
import type { JaegerCall } from '../../../api/sources/jaeger-server.test-util'
import { renderWithProviders } from '../../../test/render'
import { giveScrollBoxesASize } from '../../../test/scroll-box-sizes'
import { PathsRoute } from './paths-route'

const BASE = 'http://jaeger.test'

/** 20 checkouts (api-gateway → checkout → stock, which queries MySQL once, or twice for every other one) and 5 cart reads that also reach stock. */
function recordTraffic(): { resourceSpans: unknown[] } {
  const exporter = new InMemorySpanExporter()
  const provider = (service: string) => new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': service }), spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const gateway = provider('api-gateway').getTracer('gateway')
  const checkout = provider('checkout').getTracer('checkout')
  const cart = provider('cart').getTracer('cart')
  const stock = provider('stock').getTracer('stock')
  const under = (parent: ReturnType<typeof gateway.startSpan>) => trace.setSpan(context.active(), parent)
  const reserve = (parent: ReturnType<typeof gateway.startSpan>, queries: number) => {
    const call = checkout.startSpan('stock.Reserve', { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'grpc' } }, under(parent))
    const served = stock.startSpan('Reserve', { kind: SpanKind.SERVER }, under(call))
    for (let q = 0; q < queries; q++) stock.startSpan('SELECT stock', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'mysql', 'db.operation': 'SELECT' } }, under(served)).end()
    served.end()
    call.end()
  }
  for (let i = 0; i < 20; i++) {
    const root = gateway.startSpan('POST /api/checkout', { kind: SpanKind.SERVER })
    const call = gateway.startSpan('checkout.Place', { kind: SpanKind.CLIENT }, under(root))
    const place = checkout.startSpan('Place', { kind: SpanKind.SERVER }, under(call))
    reserve(place, i % 2 === 0 ? 2 : 1)
    place.end()
    call.end()
    root.end()
  }
  for (let i = 0; i < 5; i++) {
    const root = gateway.startSpan('GET /api/cart', { kind: SpanKind.SERVER })
    const call = gateway.startSpan('cart.Get', { kind: SpanKind.CLIENT }, under(root))
    const got = cart.startSpan('Get', { kind: SpanKind.SERVER }, under(call))
    const check = cart.startSpan('stock.Reserve', { kind: SpanKind.CLIENT }, under(got))
    const served = stock.startSpan('Reserve', { kind: SpanKind.SERVER }, under(check))
    stock.startSpan('SELECT stock', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'mysql', 'db.operation': 'SELECT' } }, under(served)).end()
    served.end()
    check.end()
    got.end()
    call.end()
    root.end()
  }
  const bytes = JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())
  if (!bytes) throw new Error('the OTLP serializer produced nothing')
  return JSON.parse(new TextDecoder().decode(bytes)) as { resourceSpans: unknown[] }
}

// the tree-table is virtualised: its scroll box needs a size for rows to be drawn
giveScrollBoxesASize()

describe('paths through the Jaeger adapter', () => {
  const window = () => `from=${Date.now() - 14 * 60_000}&to=${Date.now() + 60_000}`

  it('builds the checkout path tree from Jaeger’s search, slice by slice, with call ratios per analysed request and no invented rate', async () => {
    const calls: JaegerCall[] = []
    server.use(...jaegerV3Handlers(BASE, 'v2.19', recordTraffic(), calls))
    const url = `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&${window()}`
    renderWithProviders(<PathsRoute />, { path: '/paths', url, source: createJaegerSource({ name: 'Jaeger', baseUrl: BASE }) })
    const tree = await screen.findByRole('treegrid', {}, { timeout: 30_000 })
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent(/Rests on 20 complete traces analysed of 20 listed over 3 time slices/), { timeout: 30_000 })
    // Jaeger records no inclusion probability: the page says so and estimates no rate per second
    expect(screen.getAllByRole('status')[0]).toHaveTextContent(/no sampling rates/)
    const row = (suffix: string) => within(tree).getAllByRole('row').find((r) => r.getAttribute('data-key')?.endsWith(suffix)) as HTMLElement
    expect(row('stock::Reserve')).toHaveTextContent('1.00')
    // MySQL named from db.system: 1.5 queries per checkout (two in every other one)
    expect(row('mysql::SELECT')).toHaveTextContent('1.50')
    expect(row('mysql::SELECT')).toHaveTextContent('rate unknown')
    // the window was searched in time slices (each slice its own query)
    const slices = new Set(calls.map((c) => c.url.searchParams.get('query.startTimeMin') ?? c.url.searchParams.get('query.start_time_min')))
    expect(slices.size).toBeGreaterThanOrEqual(3)
  }, 60_000)

  it('offers the chosen service’s served operations, which Jaeger lists per service, and shows the one the address names', async () => {
    server.use(...jaegerV3Handlers(BASE, 'v2.19', recordTraffic()))
    const url = `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&${window()}`
    renderWithProviders(<PathsRoute />, { path: '/paths', url, source: createJaegerSource({ name: 'Jaeger', baseUrl: BASE }) })
    const select = (await screen.findByRole('combobox', { name: 'Operation' }, { timeout: 30_000 })) as HTMLSelectElement
    // api-gateway serves two operations; its client calls (checkout.Place, cart.Get) are not entries
    await waitFor(() => expect([...select.options].map((o) => o.value)).toEqual(['', 'GET /api/cart', 'POST /api/checkout']), { timeout: 30_000 })
    expect(select.value).toBe('POST /api/checkout')
    expect(select.selectedOptions[0]?.textContent).toBe('POST /api/checkout')
  }, 60_000)

  it('finds where stock’s traffic comes from: both entries, their shares of the calls analysed, and the paths', async () => {
    server.use(...jaegerV3Handlers(BASE, 'v2.19', recordTraffic()))
    renderWithProviders(<PathsRoute />, { path: '/paths', url: `/paths?view=sources&service=stock&${window()}`, source: createJaegerSource({ name: 'Jaeger', baseUrl: BASE }) })
    const summary = await screen.findByTestId('sources-summary', {}, { timeout: 30_000 })
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent(/Rests on 25 complete traces analysed of 25 listed/), { timeout: 30_000 })
    expect(summary).toHaveTextContent(/≈ 25 calls in the window from the analysed traces \(no sampling rates\)/)
    const entries = screen.getByRole('table', { name: 'Entries' })
    expect(within(entries).getByText('POST /api/checkout').closest('tr')).toHaveTextContent('80 %')
    expect(within(entries).getByText('GET /api/cart').closest('tr')).toHaveTextContent('20 %')
    const callers = screen.getByRole('table', { name: 'Calling services (edges)' })
    expect(within(callers).getAllByRole('row').map((r) => r.getAttribute('data-caller')).filter(Boolean)).toEqual(['checkout', 'cart'])
  }, 60_000)
})

type Kv = { key: string; value?: { stringValue?: string } }
type WireSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; startTimeUnixNano: string; endTimeUnixNano: string }
type ResourceSpans = { resource?: { attributes?: Kv[] }; scopeSpans?: { spans?: WireSpan[] }[] }

/** Tempo's /api/search (TraceQL `resource.service.name` and `name` conditions, start/end in s, limit) and /api/v2/traces/:id over `doc`. */
function tempoHandlers(base: string, doc: { resourceSpans: unknown[] }, searches: URL[]) {
  const rss = doc.resourceSpans as ResourceSpans[]
  const serviceOf = (rs: ResourceSpans) => rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? ''
  const spans = rss.flatMap((rs) => (rs.scopeSpans ?? []).flatMap((ss) => (ss.spans ?? []).map((s) => ({ s, service: serviceOf(rs) }))))
  const ids = [...new Set(spans.map((x) => x.s.traceId))]
  return [
    http.get(`${base}/api/v2/search/tag/resource.service.name/values`, () => HttpResponse.json({ tagValues: [...new Set(spans.map((x) => x.service))].map((value) => ({ type: 'string', value })) })),
    http.get(`${base}/api/v2/search/tag/name/values`, ({ request }) => {
      const service = /resource\.service\.name = "([^"]+)"/.exec(new URL(request.url).searchParams.get('q') ?? '')?.[1]
      return HttpResponse.json({ tagValues: [...new Set(spans.filter((x) => x.service === service).map((x) => x.s.name))].map((value) => ({ type: 'string', value })) })
    }),
    http.get(`${base}/api/search`, ({ request }) => {
      const url = new URL(request.url)
      searches.push(url)
      const q = url.searchParams.get('q') ?? ''
      const service = /resource\.service\.name = "([^"]+)"/.exec(q)?.[1]
      const name = /(?:^|[{&] )name = "([^"]+)"/.exec(q)?.[1]
      const from = Number(url.searchParams.get('start')) * 1e9
      const to = Number(url.searchParams.get('end')) * 1e9
      const limit = Number(url.searchParams.get('limit') ?? 20)
      const traces = ids
        .map((id) => spans.filter((x) => x.s.traceId === id))
        .filter((ts) => ts.some((x) => (!service || x.service === service) && (!name || x.s.name === name)))
        .map((ts) => {
          const root = ts.find((x) => !x.s.parentSpanId) ?? ts[0]
          const start = Number(root?.s.startTimeUnixNano)
          const stats: Record<string, { spanCount: number }> = {}
          for (const x of ts) stats[x.service] = { spanCount: (stats[x.service]?.spanCount ?? 0) + 1 }
          return { traceID: root?.s.traceId, rootServiceName: root?.service, rootTraceName: root?.s.name, startTimeUnixNano: String(start), durationMs: Math.max(1, Math.round((Number(root?.s.endTimeUnixNano) - start) / 1e6)), serviceStats: stats }
        })
        .filter((t) => Number(t.startTimeUnixNano) >= from && Number(t.startTimeUnixNano) < to)
        .slice(0, limit)
      return HttpResponse.json({ traces, metrics: { completedJobs: 1, totalJobs: 1 } })
    }),
    http.get(`${base}/api/v2/traces/:id`, ({ params }) => {
      const id = String(params.id)
      const resourceSpans = rss.map((rs) => ({ ...rs, scopeSpans: (rs.scopeSpans ?? []).map((ss) => ({ ...ss, spans: (ss.spans ?? []).filter((s) => s.traceId === id) })) })).filter((rs) => rs.scopeSpans.some((ss) => ss.spans.length))
      return resourceSpans.length ? HttpResponse.json({ trace: { resourceSpans } }) : new HttpResponse('trace not found', { status: 404 })
    }),
  ]
}

describe('paths through the Tempo adapter', () => {
  it('builds the checkout path tree from Tempo’s search, slice by slice, with call ratios per analysed request', async () => {
    const searches: URL[] = []
    server.use(...tempoHandlers('http://tempo.test', recordTraffic(), searches))
    const url = `/paths?service=api-gateway&operation=${encodeURIComponent('POST /api/checkout')}&from=${Date.now() - 14 * 60_000}&to=${Date.now() + 60_000}`
    renderWithProviders(<PathsRoute />, { path: '/paths', url, source: createTempoSource({ name: 'Tempo', baseUrl: 'http://tempo.test' }) })
    const tree = await screen.findByRole('treegrid', {}, { timeout: 30_000 })
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent(/Rests on 20 complete traces analysed of 20 listed over 3 time slices/), { timeout: 30_000 })
    expect(screen.getAllByRole('status')[0]).toHaveTextContent(/no sampling rates/)
    const row = (suffix: string) => within(tree).getAllByRole('row').find((r) => r.getAttribute('data-key')?.endsWith(suffix)) as HTMLElement
    expect(row('mysql::SELECT')).toHaveTextContent('1.50')
    expect(searches.map((u) => u.searchParams.get('q'))).toContain('{ resource.service.name = "api-gateway" && name = "POST /api/checkout" }')
    expect(new Set(searches.map((u) => u.searchParams.get('start'))).size).toBeGreaterThanOrEqual(3)
  }, 60_000)
})
