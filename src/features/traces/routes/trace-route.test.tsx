import { act, screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { server } from '../../../../mocks/node'
import { checkoutFailure } from '../../../domain/error-chain/trace-builder'
import { extractErrorChains } from '../../../domain/error-chain/extract'
import { describe, expect, it } from 'vitest'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { span } from '../../../domain/trace/fixtures.test-util'
import { TracePreviewBuilder } from '../../../domain/trace/preview'
import type { Trace } from '../../../domain/model'
import { createTestQueryClient, renderWithProviders } from '../../../test/render'
import { TraceFileError } from '../../../api/trace-loading/trace-files'
import { TraceRoute } from './trace-route'
import { giveScrollBoxesASize } from '../../../test/scroll-box-sizes'

giveScrollBoxesASize()

const spans = [
  span('root', null, 1_000_000, 400_000, { service: 'gateway', name: 'GET /checkout' }),
  span('pay', 'root', 1_100_000, 200_000, { service: 'payment', name: 'Charge', status: 'error' }),
  span('db', 'pay', 1_150_000, 20_000, { service: 'payment-db', name: 'INSERT' }),
]
const trace: Trace = { traceId: 'abc', spans, sampling: { mode: 'probability', rate: 1, triggerSpanId: null, triggerTime: null }, warnings: [] }
const id = 'file-00c0ffee'

/** The page of a file's trace whose spans are being handed over (as the trace files source does for a file of one trace). */
function openFilePage() {
  const source = createConsoleApiSource()
  const queryClient = createTestQueryClient()
  const arrival = queryClient.traces.files.arrive(id)
  return { arrival, ...renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url: `/traces/${id}`, source, queryClient }) }
}

describe('TraceRoute: a trace opened from a file', () => {
  it('shows the first rows while the file’s spans are handed over, then the whole trace', async () => {
    const builder = new TracePreviewBuilder(60, trace.sampling)
    spans.slice(0, 2).forEach((s) => builder.add(s))
    const { arrival } = openFilePage()
    await act(async () => {
      arrival.progress({ spans: 2, total: 3, traceId: 'abc', preview: { rows: builder.rows(false), start: 1_000_000, end: 1_400_000 } })
      await new Promise((r) => setTimeout(r, 300))
    })
    const early = screen.getByRole('treegrid', { name: 'First spans of this trace, still arriving' })
    expect(within(early).getAllByRole('row')[0]).toHaveTextContent('GET /checkout')
    expect(screen.getByRole('status')).toHaveTextContent('Receiving the trace: 2 of 3 spans')
    // the trace's own id, not the id the file's trace is kept under
    expect(screen.getByTitle('Trace id')).toHaveTextContent(/^abc$/)
    await act(async () => {
      arrival.resolve(trace)
      await Promise.resolve()
    })
    expect(await screen.findByRole('treegrid', { name: 'Spans of this trace' })).toBeInTheDocument()
  })

  it('says that a file’s trace is no longer loaded after a reload, and where to open it again', async () => {
    renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url: `/traces/${id}` })
    expect(await screen.findByRole('heading', { name: 'This trace came from a file' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'trace search page' })).toHaveAttribute('href', '/traces')
  })

  it('says in plain words when the file stopped being handed over after its page opened', async () => {
    const { arrival } = openFilePage()
    await act(async () => {
      arrival.reject(new TraceFileError('unreadable', 'The file "big.json" could not be read: the file reader stopped.'))
      await new Promise((r) => setTimeout(r, 300))
    })
    expect(screen.getByRole('alert')).toHaveTextContent('The trace file could not be opened')
    expect(screen.getByRole('alert')).toHaveTextContent('the file reader stopped')
    expect(screen.getByRole('link', { name: /Open another file/ })).toHaveAttribute('href', '/traces')
  })
})

describe('TraceRoute: a link to a trace at its error’s origin', () => {
  it('opens at the span where the error started, with its chain highlighted, named in the address', async () => {
    const failing = checkoutFailure('abc123')
    const origin = extractErrorChains(failing).chains[0]?.id
    expect(failing.spans.find((s) => s.spanId === origin)?.service).toBe('stock-service')
    server.use(http.get('/api/v1/traces/:id', () => HttpResponse.json({ trace: failing })))
    const { router } = renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url: '/traces/abc123?at=origin&stats=1' })
    await waitFor(() => expect(router.state.location.search).toBe(`?stats=1&span=${origin}&chain=${origin}`), { timeout: 8000 })
    const detail = await screen.findByRole('complementary', { name: 'Span detail' }, { timeout: 8000 })
    expect(detail).toHaveTextContent('stock-service')
    expect(detail).toHaveTextContent('Error started here')
  })

  it('opens a trace without an error chain as it is', async () => {
    const fine: Trace = { ...trace, traceId: 'fine1' }
    server.use(http.get('/api/v1/traces/:id', () => HttpResponse.json({ trace: { ...fine, spans: fine.spans.map((s) => ({ ...s, status: 'ok' })) } })))
    const { router } = renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url: '/traces/fine1?at=origin' })
    await waitFor(() => expect(router.state.location.search).toBe(''), { timeout: 8000 })
    expect(await screen.findByRole('treegrid', { name: 'Spans of this trace' }, { timeout: 8000 })).toBeInTheDocument()
  })
})

describe('TraceRoute: how the trace was sampled', () => {
  async function openWithSampling(sampling: Trace['sampling']) {
    const { arrival } = openFilePage()
    await act(async () => {
      arrival.resolve({ ...trace, sampling })
      await Promise.resolve()
    })
    return screen.findByTestId('trace-sampling', {}, { timeout: 8000 })
  }

  it('a failing head-sampled trace shows its sampler’s rate, and its inclusion probability apart', async () => {
    const s = await openWithSampling({ mode: 'probability', rate: 0.006, samplerRate: 0.001, triggerSpanId: null, triggerTime: null })
    expect(s).toHaveTextContent(/^Fixed probability, sampler rate 0\.1 % · kept with probability 0\.6 % \(≈ 167 real traces like it\)$/)
  })

  it('a trace without sampling information says unknown, not a rate of 100 %', async () => {
    const s = await openWithSampling({ mode: 'unknown', rate: 1, rateKnown: false, samplerRate: null, triggerSpanId: null, triggerTime: null })
    expect(s).toHaveTextContent(/^unknown/)
    expect(s).not.toHaveTextContent('100 %')
  })
})

describe('TraceRoute: log lines of a span', () => {
  function openWithLogs(servesLogs: boolean) {
    const asked: string[] = []
    server.use(
      http.get('/api/v1/traces/:id', () => HttpResponse.json({ trace: { ...trace, traceId: 'logs1' } })),
      http.get('/api/v1/logs', ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('spanId') ?? '')
        return HttpResponse.json({ logs: [] })
      }),
    )
    const base = createConsoleApiSource()
    const source = { ...base, label: servesLogs ? base.label : 'Jaeger', capabilities: { ...base.capabilities, logs: servesLogs } }
    renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url: '/traces/logs1?span=pay', source })
    return asked
  }

  it('a source without logs is not asked, and its span detail says so instead of an error', async () => {
    const asked = openWithLogs(false)
    const detail = await screen.findByRole('complementary', { name: 'Span detail' }, { timeout: 8000 })
    expect(within(detail).getByTestId('logs-not-served')).toHaveTextContent('Jaeger does not serve log lines')
    expect(within(detail).queryByRole('alert')).not.toBeInTheDocument()
    expect(asked).toEqual([])
  })

  it('a source with logs is asked for the selected span’s lines', async () => {
    const asked = openWithLogs(true)
    const detail = await screen.findByRole('complementary', { name: 'Span detail' }, { timeout: 8000 })
    expect(await within(detail).findByText('No log lines carry this span id.')).toBeInTheDocument()
    expect(asked).toEqual(['pay'])
  })
})
