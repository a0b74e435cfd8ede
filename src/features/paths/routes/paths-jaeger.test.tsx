/**
 * Path analysis and traffic sources through the Jaeger adapter: traces recorded with the
 * OpenTelemetry SDK, served by a stand-in for Jaeger's v3 HTTP API that speaks its wire format and
 * parses the search as Jaeger v2.19 does (jaeger-server.test-util.ts).
 */
import { context, SpanKind, trace } from '@opentelemetry/api'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { screen, waitFor, within } from '@testing-library/react'
import { server } from '../../../../mocks/node'
import { createJaegerSource } from '../../../api/sources/jaeger'
import { jaegerV3Handlers } from '../../../api/sources/jaeger-server.test-util'
import type { JaegerCall } from '../../../api/sources/jaeger-server.test-util'
import { renderWithProviders } from '../../../test/render'
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
