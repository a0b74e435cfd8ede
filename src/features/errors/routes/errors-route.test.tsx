import { http, HttpResponse } from 'msw'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { server } from '../../../../mocks/node'
import { TraceBuilder, checkoutFailure } from '../../../domain/error-chain/trace-builder'
import type { Trace, TraceSummary } from '../../../domain/model'
import { pinNow } from '../../../lib/clock'
import { renderWithProviders } from '../../../test/render'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import type { DataSource } from '../../../api/sources/data-source'
import { extractErrorChains } from '../../../domain/error-chain/extract'
import { ErrorsRoute } from './errors-route'


const NOW = Date.parse('2026-11-23T10:00:00Z')
const DAY = 86_400_000
const MIN = 60_000
const START = NOW - 10 * MIN

function paymentFailure(id: string, startMs: number): Trace {
  const b = new TraceBuilder(id, startMs * 1000)
  const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
  b.call(gw, 'payment', 'Authorize', { error: true, code: 500 })
  return b.build()
}

const withSampling = (t: Trace): Trace => ({ ...t, sampling: { mode: 'adaptive', rate: 0.1, triggerSpanId: null, triggerTime: null } })
const today = [
  // more traces than one analysis batch (25), so batching is exercised
  ...Array.from({ length: 28 }, (_, i) => checkoutFailure(`stock-${i}`, { Version: 'v2.14.0' }, (START + (i % 6) * MIN) * 1000)),
  ...Array.from({ length: 2 }, (_, i) => paymentFailure(`pay-${i}`, START + i * MIN)),
].map(withSampling)
const yesterday = Array.from({ length: 5 }, (_, i) => paymentFailure(`old-${i}`, START - DAY + i * MIN)).map(withSampling)
const byId = new Map([...today, ...yesterday].map((t) => [t.traceId, t]))

const summary = (t: Trace): TraceSummary => {
  const root = t.spans[0]
  return {
    traceId: t.traceId,
    rootService: root?.service ?? '',
    rootOperation: root?.name ?? '',
    startTime: root?.startTime ?? 0,
    duration: 1000,
    spanCount: t.spans.length,
    errorCount: t.spans.filter((s) => s.status === 'error').length,
    services: [],
    sampling: { mode: t.sampling.mode, rate: t.sampling.rate },
  }
}

/** `hold`: today's traces after the first `hold.after` wait until `hold.release` settles */
function serveErrors(opts: { failSearch?: boolean; hold?: { after: number; release: Promise<void> } } = {}) {
  let failures = opts.failSearch ? 1 : 0
  let served = 0
  server.use(
    http.get('/api/v1/services', () => HttpResponse.json({ services: [] })),
    http.get('/api/v1/traces', ({ request }) => {
      const q = new URL(request.url).searchParams
      const from = Number(q.get('from'))
      const to = Number(q.get('to'))
      const limit = Number(q.get('limit') ?? 100)
      const isYesterday = from < NOW - DAY / 2
      if (failures > 0 && !isYesterday) {
        failures -= 1
        return HttpResponse.json({ error: 'search backend unavailable' }, { status: 503 })
      }
      const hits = (isYesterday ? yesterday : today).map(summary).filter((t) => t.startTime / 1000 >= from && t.startTime / 1000 < to)
      hits.sort((a, b) => b.startTime - a.startTime)
      return HttpResponse.json({
        traces: hits.slice(0, limit),
        partial: isYesterday ? null : { missingDcs: ['dc-west'], reason: null },
        truncated: hits.length > limit,
      })
    }),
    http.get('/api/v1/traces/:traceId', async ({ params }) => {
      const trace = byId.get(String(params.traceId))
      if (opts.hold && !trace?.traceId.startsWith('old-') && served++ >= opts.hold.after) await opts.hold.release
      return HttpResponse.json({ trace })
    }),
    http.get('/api/v1/changes', () =>
      HttpResponse.json({
        changes: [
          { id: 'd1', time: START - 3 * MIN, service: 'stock-service', kind: 'deploy', description: 'Deploy stock-service', version: 'v2.14.0', dc: null, cluster: null, deployStage: 'full' },
        ],
      }),
    ),
    http.get('/api/v1/metrics/query_range', ({ request }) => {
      const q = new URL(request.url).searchParams
      const from = Number(q.get('from'))
      const to = Number(q.get('to'))
      const metric = q.get('metric') ?? 'error_rate'
      // stock-service's error rate jumps at its deploy; the entries' rate is 12 % today, 0.1 % yesterday
      const value = (t: number) =>
        metric === 'request_rate' ? 10 : q.get('service') === 'stock-service' ? (t >= START - 3 * MIN ? 0.3 : 0.002) : from < NOW - DAY / 2 ? 0.001 : 0.12
      const points: [number, number][] = []
      for (let t = from; t < to; t += MIN) points.push([t, value(t)])
      return HttpResponse.json({ metric, step: MIN, series: [{ labels: {}, points }], partial: null })
    }),
  )
}

/** The console API as a backend that cannot aggregate (as Jaeger and Tempo): the volumes are estimated from the sample. */
function sampledOnly(): DataSource {
  const { getErrorVolumes, ...rest } = createConsoleApiSource()
  void getErrorVolumes
  return rest
}

const chainOf = (t: Trace) => extractErrorChains(t).chains[0]?.signature ?? ''
const windowVolumes = (from: number, chains: { signature: string; origin: string; count: number }[], errorTraces: number) => ({
  from,
  to: from + 15 * MIN,
  requests: errorTraces * 100,
  errorTraces,
  chains: chains.map((c) => ({ signature: c.signature, hops: [{ service: c.origin, operation: 'x' }], stop: 'entry', asyncEntry: false, count: c.count })),
  origins: chains.map((c) => ({ service: c.origin, count: c.count })),
  entries: [],
})

describe('ErrorsRoute', () => {
  beforeEach(() => pinNow(NOW))
  afterEach(() => pinNow(null))

  it('ranks the deployed origin first, marks its chain as new and links to a trace with the chain highlighted', async () => {
    serveErrors()
    renderWithProviders(<ErrorsRoute />, { path: '/errors', url: '/errors', source: sampledOnly() })
    expect(await screen.findByTestId('errors-sample', {}, { timeout: 15_000 })).toHaveTextContent(
      'Chains from 30 traces analysed, drawn in proportion over 6 time slices from the 30 stored error traces listed over the whole window; yesterday 5 from 5.',
    )
    // the volumes rest on every stored error trace of both windows, each weighted by 1 / its rate (0.1)
    expect(screen.getByTestId('errors-total')).toHaveTextContent('≈ 300 ± 34 %')
    expect(screen.getByTestId('errors-total-yesterday')).toHaveTextContent('≈ 50 ± 83 %')
    expect(screen.getByTestId('partial-banner')).toHaveTextContent('dc-west')

    const causes = await screen.findAllByTestId('root-cause', {}, { timeout: 15_000 })
    expect(causes[0]).toHaveTextContent('stock-service')
    await waitFor(() => expect(causes[0]).toHaveTextContent('deploy v2.14.0 3 min before the errors appeared; stock-service’s error rate 0.2 % → 30.0 % after it'), { timeout: 15_000 })
    expect(causes).toHaveLength(1)
    // two payment traces are too few to rank: shown apart
    const low = screen.getByTestId('low-evidence')
    expect(low).toHaveTextContent('Low evidence: 1 origin with fewer than 5 traces in the sample')
    expect(within(low).getByTestId('low-evidence-origin')).toHaveTextContent('payment')

    const cards = screen.getAllByTestId('chain-card')
    const stock = cards[0] as HTMLElement
    expect(within(stock).getByRole('heading')).toHaveTextContent('stock-service:ReserveStock → api-gateway')
    expect(within(stock).getByTestId('chain-trend')).toHaveTextContent('New')
    expect(stock).toHaveTextContent('28 traces')
    expect(stock).toHaveTextContent('≈ 280 ± 35 % now')
    const link = within(stock).getByRole('link', { name: 'Open example trace' })
    expect(link.getAttribute('href')).toMatch(/^\/traces\/stock-0\?span=s\d+&chain=s\d+(&|$)/)
    // 2 traces against yesterday's 5, at a 10 % rate: within the noise of both estimates, not "down"
    expect(within(cards[1] as HTMLElement).getByTestId('chain-trend')).toHaveTextContent('Same')

    // the impact table shows the entry's error rate now and yesterday
    const impact = screen.getByRole('table')
    expect(await within(impact).findByText('12 %', {}, { timeout: 15_000 })).toBeInTheDocument()

    // focusing one origin filters the list through the URL
    await userEvent.click(within(low).getByRole('button', { name: 'Only this origin' }))
    await waitFor(() => expect(screen.getAllByTestId('chain-card')).toHaveLength(1), { timeout: 15_000 })
    expect(screen.getByTestId('chain-card')).toHaveTextContent('payment:Authorize')
  })

  it('shows an early answer from the first traces while the rest of the sample is fetched, then the whole', async () => {
    let release = () => undefined as void
    serveErrors({ hold: { after: 26, release: new Promise<void>((r) => (release = r)) } })
    renderWithProviders(<ErrorsRoute />, { path: '/errors', url: '/errors', source: sampledOnly() })
    // 26 of 30 traces are in (the rest held back), the first 25 analysed (one batch): their chains show, said to be early
    const early = await screen.findByTestId('errors-preliminary', {}, { timeout: 15_000 })
    expect(early).toHaveTextContent('Early answer from the first 25 of 30 traces of this window')
    expect(screen.getAllByTestId('chain-card')[0]).toHaveTextContent('stock-service:ReserveStock → api-gateway')
    expect(screen.queryByTestId('errors-sample')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Stop and analyse what is fetched' })).toBeInTheDocument()
    release()
    expect(await screen.findByTestId('errors-sample', {}, { timeout: 15_000 })).toHaveTextContent('Chains from 30 traces analysed')
    expect(screen.queryByTestId('errors-preliminary')).not.toBeInTheDocument()
    expect(screen.getAllByTestId('chain-card')[0]).toHaveTextContent('28 traces')
  })

  it('says in plain words when the error traces cannot be listed, and retries', async () => {
    serveErrors({ failSearch: true })
    renderWithProviders(<ErrorsRoute />, { path: '/errors', url: '/errors', source: sampledOnly() })
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 })
    expect(alert).toHaveTextContent('Error traces could not be loaded')
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.getByTestId('errors-sample')).toHaveTextContent('Chains from 30 traces analysed'), { timeout: 15_000 })
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('takes every volume from a backend that aggregates them, says what they rest on, and keeps the sample for examples', async () => {
    serveErrors()
    const stock = chainOf(today[0] as Trace)
    const pay = chainOf(today[28] as Trace)
    server.use(
      http.get('/api/v1/errors/volumes', () =>
        HttpResponse.json({
          basis: { kind: 'model', note: 'the traffic model’s expected counts' },
          window: windowVolumes(NOW - 15 * MIN, [{ signature: stock, origin: 'stock-service', count: 1234 }, { signature: pay, origin: 'payment', count: 40 }, { signature: 'redis:GET → web:Page', origin: 'redis', count: 7 }], 1281),
          yesterday: windowVolumes(NOW - DAY - 15 * MIN, [{ signature: pay, origin: 'payment', count: 38 }], 38),
          partial: { missingDcs: ['dc-west'], reason: 'dc-west did not answer', silentFrom: NOW - 12 * MIN, silentTo: NOW - 7 * MIN },
        }),
      ),
    )
    renderWithProviders(<ErrorsRoute />, { path: '/errors', url: '/errors' })
    await screen.findByTestId('errors-sample', {}, { timeout: 15_000 })
    await waitFor(() => expect(screen.getByTestId('errors-total')).toHaveTextContent(/^1,?281$/), { timeout: 15_000 })
    expect(screen.getByTestId('errors-total-basis')).toHaveTextContent(/over all 1,?281 error traces, the traffic model’s expected counts/)
    expect(screen.getByTestId('errors-total-yesterday')).toHaveTextContent(/^38$/)
    // a chain the backend counted but no analysed trace carries is said, not dropped
    expect(screen.getByTestId('errors-unseen')).toHaveTextContent('1 chain (7 error traces in all) counted by the backend is in none of the analysed traces')
    const cards = screen.getAllByTestId('chain-card')
    expect(cards[0]).toHaveTextContent(/1,?234 now \(all error traces\)/)
    expect(cards[0]).toHaveTextContent('28 traces')
    expect(within(cards[0] as HTMLElement).getByRole('link', { name: 'Open example trace' })).toBeInTheDocument()
    expect(screen.getByTestId('errors-sample')).toHaveTextContent('Volumes are counted by the backend over every error trace')
    // payment: 40 against 38 is chance variation of counts, not a cause; stock-service rose from none
    const causes = screen.getAllByTestId('root-cause')
    expect(causes[0]).toHaveTextContent('stock-service')
    expect(causes[0]).toHaveTextContent(/1,?234 error traces \(all of them\)/)
    expect(screen.queryByText(/≈ 1,?234/)).not.toBeInTheDocument()
    // the sample and the counts both lack dc-west: said once, with when it was silent
    const partial = screen.getAllByTestId('partial-banner')
    expect(partial).toHaveLength(1)
    expect(partial[0]).toHaveTextContent('The error traces of this window and the error volumes counted by the backend lack data centre dc-west (dc-west did not answer from 09:48 to 09:53 UTC)')
  })
})
