import { http, HttpResponse } from 'msw'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { server } from '../../../../mocks/node'
import { renderWithProviders } from '../../../test/render'
import { MetricsRoute } from './metrics-route'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import type { DataSource } from '../../../api/sources/data-source'


const FROM = Date.parse('2026-11-23T09:30:00Z')
const TO = Date.parse('2026-11-23T10:00:00Z')
const STEP = 15_000
const SPIKE = FROM + 20 * 60_000

const points = (f: (t: number) => number) => Array.from({ length: 120 }, (_, i) => [FROM + i * STEP, f(FROM + i * STEP)] as [number, number])
const valueOf = (metric: string, t: number) =>
  metric === 'error_rate' ? (t >= SPIKE ? 0.3 : 0.001) : metric === 'request_rate' ? 120 : metric.startsWith('latency') ? 80_000 : 0

/** The console API over constructed series: tests the view end to end through the network layer. */
function serveMetrics(searches: URL[], percentileBasis?: string) {
  server.use(
    http.get('/api/v1/services', () =>
      HttpResponse.json({ services: [{ name: 'api-gateway', layer: 'gateway', framework: 'envoy', dcs: ['dc-east'], clusters: ['c1'], operations: [{ name: 'POST /api/checkout', kind: 'server' }] }] }),
    ),
    http.get('/api/v1/metrics/query_range', ({ request }) => {
      const metric = new URL(request.url).searchParams.get('metric') ?? ''
      const isOptional = ['send_size', 'recv_size', 'mq_lag'].includes(metric)
      const basis = percentileBasis && metric.startsWith('latency') ? { percentileBasis } : {}
      return HttpResponse.json({ metric, step: STEP, series: isOptional ? [] : [{ labels: {}, points: points((t) => valueOf(metric, t)) }], partial: null, ...basis })
    }),
    http.get('/api/v1/metrics/labels', () => HttpResponse.json({ labels: { DC: ['dc-east', 'dc-west'], ToService: ['checkout-bff'] } })),
    http.get('/api/v1/exemplars', () => HttpResponse.json({ exemplars: [], partial: null })),
    http.get('/api/v1/changes', () => HttpResponse.json({ changes: [] })),
    http.get('/api/v1/alerts', () => HttpResponse.json({ alerts: [] })),
    http.get('/api/v1/traces', ({ request }) => {
      const url = new URL(request.url)
      searches.push(url)
      const failing = url.searchParams.get('spanStatus') === 'error'
      return HttpResponse.json({
        traces: failing
          ? [{
              traceId: 'trace-err-1', rootService: 'api-gateway', rootOperation: 'POST /api/checkout', startTime: (SPIKE + 2000) * 1000, duration: 350_000,
              spanCount: 9, errorCount: 4,
              services: [{ name: 'api-gateway', spanCount: 2, errorCount: 1 }, { name: 'stock-service', spanCount: 1, errorCount: 1 }],
              sampling: { mode: 'posttrace', rate: 1 },
              match: { spanId: 'gw-span-1', service: 'api-gateway', operation: 'POST /api/checkout', startTime: (SPIKE + 2000) * 1000, duration: 340_000, status: 'error', count: 1 },
            }]
          : [],
        partial: null,
        truncated: false,
      })
    }),
  )
}

describe('MetricsRoute', () => {
  it('opens on the entry service when none is chosen', async () => {
    serveMetrics([])
    const { router } = renderWithProviders(<MetricsRoute />, { path: '/metrics', url: `/metrics?from=${FROM}&to=${TO}` })
    await waitFor(() => expect(router.state.location.search).toContain('service=api-gateway'))
    expect(await screen.findByRole('heading', { name: /Metrics · api-gateway/ }, { timeout: 8000 })).toBeInTheDocument()
    expect(await screen.findByRole('img', { name: /Error rate of api-gateway/ }, { timeout: 8000 })).toBeInTheDocument()
  })

  it('turns a selected error-rate point into a query for a failed span of the series in that step, names it, and opens the trace at it', async () => {
    const searches: URL[] = []
    serveMetrics(searches)
    const sel = `${SPIKE}-${SPIKE + STEP}`
    renderWithProviders(<MetricsRoute />, {
      path: '/metrics',
      url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway&filter=DC=dc-east&chart=error_rate&sel=${sel}&point=1`,
      routes: [{ path: '/traces/:traceId', element: <p>trace page</p> }],
    })
    const panel = await screen.findByRole('complementary', { name: 'Traces behind the selection' }, { timeout: 8000 })
    expect(within(panel).getByText('traces with a failed span of api-gateway')).toBeInTheDocument()
    const row = await within(panel).findByRole('row', { name: /POST \/api\/checkout/ }, { timeout: 8000 })
    expect(within(row).getByText('error')).toBeInTheDocument()
    expect(within(row).getByText(/api-gateway POST \/api\/checkout failed/)).toBeInTheDocument()
    expect(within(row).getByText('PostTrace')).toBeInTheDocument()
    const drillSearch = searches.find((u) => u.searchParams.get('spanStatus') === 'error')
    expect(drillSearch?.searchParams.get('from')).toBe(String(SPIKE))
    expect(drillSearch?.searchParams.get('to')).toBe(String(SPIKE + STEP))
    expect(drillSearch?.searchParams.get('service')).toBe('api-gateway')
    expect(drillSearch?.searchParams.get('match')).toBe('span')
    // the series' filter applies to that span, not to any span of the trace; no trace-level status
    expect(drillSearch?.searchParams.getAll('spanTag')).toEqual(['DC=dc-east'])
    expect(drillSearch?.searchParams.getAll('tag')).toEqual([])
    expect(drillSearch?.searchParams.get('status')).toBeNull()
    // the trace opens at the span that matched
    expect(within(row).getAllByRole('link')[0]).toHaveAttribute('href', expect.stringMatching(/^\/traces\/trace-err-1\?span=gw-span-1(&|$)/))
    // and a failed one offers where its error started
    expect(within(row).getByRole('link', { name: 'where the error started' })).toHaveAttribute('href', expect.stringMatching(/^\/traces\/trace-err-1\?at=origin(&|$)/))
  })

  it('waits for the p99 series before listing the traces of a p99 selection: no sample in its place, then the spans at or above its value', async () => {
    const searches: URL[] = []
    serveMetrics(searches)
    // the p99 series is held back until the test lets it go; the other series answer at once
    let release = () => {}
    const asked: string[] = []
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    server.use(
      http.get('/api/v1/metrics/query_range', async ({ request }) => {
        const url = new URL(request.url)
        const metric = url.searchParams.get('metric') ?? ''
        asked.push(metric)
        if (metric !== 'latency_p99' || Number(url.searchParams.get('from')) !== FROM) return undefined
        await held
        return HttpResponse.json({ metric, step: STEP, series: [{ labels: {}, points: points((t) => (t === SPIKE ? 250_000 : 80_000)) }], partial: null })
      }),
    )
    renderWithProviders(<MetricsRoute />, {
      path: '/metrics',
      url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway&chart=latency_p99&sel=${SPIKE}-${SPIKE + STEP}&point=1`,
    })
    const panel = await screen.findByRole('complementary', { name: 'Traces behind the selection' }, { timeout: 8000 })
    expect(within(panel).getByTestId('drill-condition')).toHaveTextContent('waiting for the p99 series: the traces with a span of api-gateway at or above its value follow')
    expect(within(panel).getByText('Reading the p99 series…')).toBeInTheDocument()
    // the other series have arrived meanwhile; still no trace search was made for the panel
    await waitFor(() => expect(asked).toEqual(expect.arrayContaining(['request_rate', 'error_rate', 'latency_p50', 'latency_p95'])))
    expect(searches.filter((u) => u.searchParams.get('match') === 'span')).toEqual([])
    release()
    await waitFor(() => expect(within(panel).getByTestId('drill-condition')).toHaveTextContent('taking at least p99 = 250 ms itself'), { timeout: 8000 })
    await waitFor(() => expect(searches.some((u) => u.searchParams.get('spanMinDuration') === '250000')).toBe(true))
    // and never a sample (which asks without a duration) in between
    expect(searches.filter((u) => u.searchParams.get('match') === 'span' && u.searchParams.get('spanMinDuration') === null)).toEqual([])
  })

  it('a p99 selection on a source without a p99 series lists a sample and says why, instead of waiting for ever', async () => {
    const searches: URL[] = []
    serveMetrics(searches)
    const api = createConsoleApiSource()
    const source: DataSource = { ...api, capabilities: { ...api.capabilities, metricNames: ['request_rate', 'error_rate', 'latency_p50', 'latency_p95'] } }
    renderWithProviders(<MetricsRoute />, {
      path: '/metrics',
      url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway&chart=latency_p99&sel=${SPIKE}-${SPIKE + STEP}&point=1`,
      source,
    })
    const panel = await screen.findByRole('complementary', { name: 'Traces behind the selection' }, { timeout: 8000 })
    expect(within(panel).getByTestId('drill-condition')).toHaveTextContent('a sample of up to 30 traces with a span of api-gateway, spread across the window (this source has no p99 series to stand on)')
    await waitFor(() => expect(searches.some((u) => u.searchParams.get('match') === 'span')).toBe(true))
  })

  it('offers the minute either side of a point that has few traces behind it, and lists the traces of that range', async () => {
    const searches: URL[] = []
    serveMetrics(searches)
    const { router } = renderWithProviders(<MetricsRoute />, {
      path: '/metrics',
      url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway&chart=error_rate&sel=${SPIKE}-${SPIKE + STEP}&point=1`,
    })
    const panel = await screen.findByRole('complementary', { name: 'Traces behind the selection' }, { timeout: 8000 })
    await within(panel).findByRole('row', { name: /POST \/api\/checkout/ }, { timeout: 8000 })
    expect(within(panel).getByTestId('drill-widen').closest('p')).toHaveTextContent('1 trace · only some traces are kept, so one step holds few')
    await userEvent.click(within(panel).getByRole('button', { name: 'Widen to the minute either side' }))
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('sel')).toBe(`${SPIKE - 60_000}-${SPIKE + STEP + 60_000}`))
    expect(new URLSearchParams(router.state.location.search).get('point')).toBeNull()
    const wide = await screen.findByRole('heading', { name: 'Traces behind this range' }, { timeout: 8000 })
    expect(wide).toBeInTheDocument()
    await waitFor(() => expect(searches.some((u) => u.searchParams.get('spanStatus') === 'error' && u.searchParams.get('from') === String(SPIKE - 60_000))).toBe(true))
    // a range offers no widening of its own
    expect(screen.queryByTestId('drill-widen')).not.toBeInTheDocument()
  })

  it('compares a single point with the window before only on request, loading no traces until then', async () => {
    const searches: URL[] = []
    serveMetrics(searches)
    const trace = (i: number, from: string) => ({
      traceId: `trace-${from}-${i}`, rootService: 'api-gateway', rootOperation: 'POST /api/checkout', startTime: (SPIKE + 1000 * i) * 1000, duration: 350_000,
      spanCount: 9, errorCount: 1, services: [{ name: 'api-gateway', spanCount: 2, errorCount: 1 }], sampling: { mode: 'posttrace', rate: 1 },
    })
    const details: string[] = []
    server.use(
      http.get('/api/v1/traces', ({ request }) => {
        const from = new URL(request.url).searchParams.get('from') ?? ''
        return HttpResponse.json({ traces: [1, 2, 3, 4, 5, 6].map((i) => trace(i, from)), partial: null, truncated: false })
      }),
      http.get('/api/v1/traces/:id', ({ params }) => {
        details.push(String(params.id))
        return HttpResponse.json({ error: { code: 'not_found', message: 'no such trace' } }, { status: 404 })
      }),
    )
    renderWithProviders(<MetricsRoute />, {
      path: '/metrics',
      url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway&chart=error_rate&sel=${SPIKE}-${SPIKE + STEP}&point=1`,
    })
    const diff = await screen.findByRole('region', { name: 'What is different' }, { timeout: 8000 })
    const compare = await within(diff).findByRole('button', { name: 'Compare' }, { timeout: 8000 })
    expect(details).toEqual([])
    await userEvent.click(compare)
    // the traces load (here they fail, which the panel says in plain words)
    expect(await within(diff).findByRole('alert', {}, { timeout: 8000 })).toHaveTextContent(/could not be made/)
    expect(details.length).toBeGreaterThan(0)
  })

  it('says in plain words when a series cannot be loaded, and retries', async () => {
    serveMetrics([])
    let failing = true
    server.use(
      http.get('/api/v1/metrics/query_range', ({ request }) =>
        failing && new URL(request.url).searchParams.get('metric') === 'error_rate'
          ? HttpResponse.json({ error: { code: 'backend_error', message: 'metrics store unavailable' } }, { status: 503 })
          : undefined,
      ),
    )
    renderWithProviders(<MetricsRoute />, { path: '/metrics', url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway` })
    const alerts = await screen.findAllByRole('alert', {}, { timeout: 8000 })
    expect(alerts.some((a) => /could not be loaded/.test(a.textContent ?? ''))).toBe(true)
    const alert = alerts.find((a) => /Error rate could not be loaded/.test(a.textContent ?? '')) as HTMLElement
    expect(alert).toHaveTextContent(/metrics store unavailable|unavailable|503/i)
    failing = false
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('img', { name: /Error rate of api-gateway/ }, { timeout: 8000 })).toBeInTheDocument()
  })

  it('after an outage of the metrics store, says so once with one Retry for the whole view, which brings every chart back', async () => {
    serveMetrics([])
    let failing = true
    server.use(
      http.get('/api/v1/metrics/query_range', () =>
        failing ? HttpResponse.json({ error: { code: 'backend_error', message: 'metrics store unavailable' } }, { status: 400 }) : undefined,
      ),
    )
    renderWithProviders(<MetricsRoute />, { path: '/metrics', url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway` })
    await screen.findByText('The charts could not be loaded', {}, { timeout: 8000 })
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(1)
    expect(within(screen.getByRole('region', { name: 'Request rate' })).getByText('Not loaded: the message above says why.')).toBeInTheDocument()
    failing = false
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('img', { name: /Request rate of api-gateway/ }, { timeout: 8000 })).toBeInTheDocument()
    expect(await screen.findByRole('img', { name: /Error rate of api-gateway/ }, { timeout: 8000 })).toBeInTheDocument()
    expect(screen.queryAllByRole('alert')).toHaveLength(0)
  })

  it.each([
    ['buckets', /≈ approximate: Prometheus buckets/, /histogram_quantile interpolates/],
    ['tempo', /≈ approximate: Tempo, sampled spans/, /stored \(sampled traces only\)/],
  ])('says next to the latency chart that %s percentiles are approximate', async (basis, short, detail) => {
    serveMetrics([], basis)
    renderWithProviders(<MetricsRoute />, { path: '/metrics', url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway` })
    const card = await screen.findByRole('region', { name: 'Latency p50 / p95 / p99' }, { timeout: 8000 })
    const mark = await within(card).findByTestId('percentile-basis', {}, { timeout: 8000 })
    expect(mark).toHaveTextContent(short)
    expect(mark).toHaveAttribute('title', expect.stringMatching(detail))
    // only the latency chart's numbers are percentiles
    expect(within(screen.getByRole('region', { name: 'Error rate' })).queryByTestId('percentile-basis')).toBeNull()
  })

  it('says that percentiles merged over every call are not sampled, without "≈", and shows the whole-window figures without it', async () => {
    serveMetrics([], 'merged')
    renderWithProviders(<MetricsRoute />, { path: '/metrics', url: `/metrics?from=${FROM}&to=${TO}&service=api-gateway` })
    const card = await screen.findByRole('region', { name: 'Latency p50 / p95 / p99' }, { timeout: 8000 })
    const mark = await within(card).findByTestId('percentile-basis', {}, { timeout: 8000 })
    expect(mark).toHaveTextContent('over every call (not sampled)')
    expect(mark).not.toHaveTextContent('≈')
    expect(await within(card).findByTestId('window-p99', {}, { timeout: 8000 })).toHaveTextContent(/^80(\.0)? ms$/)
  })
})
