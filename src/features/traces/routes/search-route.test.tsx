import { http, HttpResponse } from 'msw'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { server } from '../../../../mocks/node'
import { traceToJaeger } from '../../../api/formats/jaeger'
import { traceQueries } from '../../../api/queries/traces'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import type { Trace } from '../../../domain/model'
import { renderWithProviders } from '../../../test/render'
import { TraceSearchRoute } from './search-route'

const tracePage = { path: '/traces/:traceId', element: <p>trace page</p> }

function renderSearch(url: string) {
  return renderWithProviders(<TraceSearchRoute />, { path: '/traces', url, routes: [tracePage] })
}

function smallTrace(): Trace {
  const base = { traceId: 'abc123', kind: 'server' as const, status: 'ok' as const, resource: { ServiceName: 'api-gateway' }, tags: {}, events: [], metrics: {} }
  return {
    traceId: 'abc123',
    sampling: { mode: 'unknown', rate: 1, triggerSpanId: null, triggerTime: null },
    warnings: [],
    spans: [
      { ...base, spanId: 'r', parentSpanId: null, name: 'GET /api/products', service: 'api-gateway', startTime: 1_000_000, duration: 5_000 },
      { ...base, spanId: 'c', parentSpanId: 'r', name: 'ListProducts', service: 'api-gateway', startTime: 1_001_000, duration: 2_000 },
    ],
  }
}

describe('TraceSearchRoute', () => {
  it('searches with the filters from the URL and lists traces that open their trace page', async () => {
    const { router } = renderSearch('/traces?range=1h&service=api-gateway&status=error&limit=20')
    const table = await screen.findByRole('table', { name: 'Matching traces' }, { timeout: 10_000 })
    const rows = within(table).getAllByTestId('trace-row')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThanOrEqual(20)
    expect(within(rows[0]).getByText(/error/)).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('error')
    await userEvent.click(within(rows[0]).getByRole('link'))
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/traces\/[^/]+$/))
  })

  it('writes changed filters into the URL, durations in µs', async () => {
    const { router } = renderSearch('/traces?range=1h')
    await screen.findByRole('table', { name: 'Matching traces' }, { timeout: 10_000 })
    await userEvent.type(screen.getByRole('textbox', { name: 'Min duration' }), '250ms')
    await userEvent.type(screen.getByRole('textbox', { name: 'Tags' }), 'DC=dc-east{Enter}')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sampling' }), 'posttrace')
    await userEvent.click(screen.getByRole('button', { name: 'Find traces' }))
    await waitFor(() => expect(router.state.location.search).toContain('minDuration=250000'))
    const p = new URLSearchParams(router.state.location.search)
    expect(p.getAll('tag')).toEqual(['DC=dc-east'])
    expect(p.get('sampling')).toBe('posttrace')
    expect(p.get('range')).toBe('1h')
  })

  it('says what is wrong with a typed duration instead of searching', async () => {
    const { router } = renderSearch('/traces?range=1h')
    await userEvent.type(screen.getByRole('textbox', { name: 'Max duration' }), 'slow')
    await userEvent.click(screen.getByRole('button', { name: 'Find traces' }))
    expect(screen.getByText(/"slow" is not a duration/)).toBeInTheDocument()
    expect(router.state.location.search).not.toContain('maxDuration')
  })

  it('shows a failed search in plain words with a retry', async () => {
    server.use(http.get('/api/v1/traces', () => HttpResponse.json({ error: { code: 'unavailable', message: 'The trace store is restarting.' } }, { status: 503 })))
    renderSearch('/traces?range=1h')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The search failed')
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('opens a pasted trace id, and says so plainly when it does not exist', async () => {
    renderSearch('/traces?range=1h')
    await userEvent.type(screen.getByRole('textbox', { name: 'Trace id' }), 'no-such-trace')
    await userEvent.click(screen.getByRole('button', { name: 'Open' }))
    expect(await screen.findByText(/No trace with the id "no-such-trace" was found/)).toBeInTheDocument()
  })

  it('opens a Jaeger JSON file: the trace page opens under file-<hash>, and the trace comes through the one trace query', async () => {
    const { router, queryClient } = renderSearch('/traces?range=1h')
    const file = new File([JSON.stringify({ data: [traceToJaeger(smallTrace())] })], 'trace.json', { type: 'application/json' })
    await userEvent.upload(screen.getByTestId('trace-file-input'), file)
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/traces\/file-[0-9a-f]{8}$/))
    const id = router.state.location.pathname.split('/').pop() ?? ''
    const loaded = await queryClient.fetchQuery(traceQueries.detail(createConsoleApiSource(), id))
    expect(loaded.spans).toHaveLength(2)
    expect(loaded.traceId).toBe('abc123')
  })

  it('names what is wrong with a bad file and keeps the page working', async () => {
    const { router } = renderSearch('/traces?range=1h')
    await userEvent.upload(screen.getByTestId('trace-file-input'), new File(['{"hello": 1}'], 'notes.json', { type: 'application/json' }))
    const msg = await screen.findByTestId('trace-file-error')
    expect(msg).toHaveTextContent(/notes\.json/)
    expect(msg).toHaveTextContent(/not a trace file/)
    expect(router.state.location.pathname).toBe('/traces')
    expect(screen.getByRole('button', { name: 'Find traces' })).toBeEnabled()
  })

  it('offers a choice when a file holds several traces', async () => {
    const { router } = renderSearch('/traces?range=1h')
    const other = { ...smallTrace(), traceId: 'def456', spans: smallTrace().spans.map((sp) => ({ ...sp, traceId: 'def456', service: 'mobile-gateway', resource: { ServiceName: 'mobile-gateway' } })) }
    const file = new File([JSON.stringify({ data: [traceToJaeger(smallTrace()), traceToJaeger(other)] })], 'two.json', { type: 'application/json' })
    await userEvent.upload(screen.getByTestId('trace-file-input'), file)
    const list = await screen.findByRole('region', { name: 'Traces in two.json' })
    expect(within(list).getByText('2 traces in “two.json”')).toBeInTheDocument()
    await userEvent.click(within(list).getByRole('link', { name: /mobile-gateway/ }))
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/traces\/file-[0-9a-f]{8}$/))
  })

  it('guides the user when nothing matches', async () => {
    renderSearch('/traces?range=5m&minDuration=3600000000')
    expect(await screen.findByText('No traces match.', undefined, { timeout: 10_000 })).toBeInTheDocument()
    expect(screen.getByText(/Try a longer time range, fewer filters/)).toBeInTheDocument()
  })
})
