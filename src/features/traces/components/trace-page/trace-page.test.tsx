import { screen, within, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../../mocks/node'
import type { Span, Trace } from '../../../../domain/model'
import { renderWithProviders } from '../../../../test/render'
import { giveScrollBoxesASize } from '../../../../test/scroll-box-sizes'
import { TraceRoute } from '../../routes/trace-route'
import { traceKey } from '../../../../api/trace-loading/trace-key'

const T0 = Date.parse('2026-11-23T09:50:00Z') * 1000
function sp(id: string, parent: string | null, start: number, dur: number, extra: Partial<Span> = {}): Span {
  const service = extra.service ?? 'api-gateway'
  return {
    traceId: 'tr1', spanId: id, parentSpanId: parent, name: `op-${id}`, kind: 'server', service,
    startTime: T0 + start, duration: dur, status: 'ok', resource: { ServiceName: service, DC: 'dc-east' },
    tags: {}, events: [], metrics: {}, ...extra,
  }
}
const trace: Trace = {
  traceId: 'tr1',
  sampling: { mode: 'probability', rate: 0.001, triggerSpanId: null, triggerTime: null },
  warnings: [],
  spans: [
    sp('root', null, 0, 100_000, { name: 'POST /api/checkout', status: 'error' }),
    sp('bff', 'root', 1000, 90_000, { service: 'checkout-bff', name: 'PlaceOrder', status: 'error' }),
    sp('stock', 'bff', 2000, 20_000, {
      service: 'stock-service', name: 'ReserveStock', status: 'error', tags: { IsError: 1, StatusCode: 500 },
      events: [{ time: T0 + 10_000, name: 'panic', attributes: { message: 'index out of range', stack: 'goroutine 1\nmain.reserve()\n\tstock.go:42' } }],
    }),
    sp('mail', 'root', 95_000, 2000, { service: 'mail-service', name: 'Notify' }),
    sp('hostile', 'root', 96_000, 1000, { service: '<img src=x onerror="window.__pwned=1">svc', name: '<script>window.__pwned=1</script>', tags: { Payload: 'A'.repeat(5000) } }),
  ],
}

function serve(t: Trace | null, status = 200) {
  server.use(
    http.get('/api/v1/traces/:id', () =>
      t ? HttpResponse.json({ trace: t }) : HttpResponse.json({ error: { code: 'not_found', message: 'no such trace' } }, { status }),
    ),
    http.get('/api/v1/logs', () => HttpResponse.json({ logs: [] })),
  )
}
const open = (url: string) => renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url })
const rowNamed = (text: RegExp) => screen.getAllByRole('row').find((r) => text.test(r.textContent ?? '')) as HTMLElement

giveScrollBoxesASize()

describe('trace page', () => {
  it('shows the header and the span tree as a treegrid', async () => {
    serve(trace)
    open('/traces/tr1')
    expect(await screen.findByRole('treegrid', { name: 'Spans of this trace' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('api-gatewayPOST /api/checkout')
    const rows = screen.getAllByRole('row')
    expect(rows).toHaveLength(5)
    expect(rowNamed(/ReserveStock/)).toHaveAttribute('aria-level', '3')
    expect(rowNamed(/PlaceOrder/)).toHaveAttribute('aria-expanded', 'true')
  })

  it('collapses a subtree, says an error is hidden below and where it started, and expands again', async () => {
    serve(trace)
    open('/traces/tr1')
    await screen.findByRole('treegrid')
    await userEvent.click(within(rowNamed(/PlaceOrder/)).getByRole('button', { name: 'Collapse' }))
    expect(screen.queryByText('ReserveStock')).not.toBeInTheDocument()
    expect(rowNamed(/PlaceOrder/)).toHaveAttribute('aria-expanded', 'false')
    expect(rowNamed(/PlaceOrder/)).toHaveTextContent('stock-service · 1 error below')
    await userEvent.click(within(rowNamed(/PlaceOrder/)).getByRole('button', { name: 'Expand' }))
    expect(screen.getByText('ReserveStock')).toBeInTheDocument()
  })

  it('selecting a span shows its detail with the panic event and puts it in the URL', async () => {
    serve(trace)
    const { router } = open('/traces/tr1')
    await screen.findByRole('treegrid')
    await userEvent.click(rowNamed(/ReserveStock/))
    const detail = await screen.findByRole('complementary', { name: 'Span detail' })
    expect(within(detail).getByText('panic')).toBeInTheDocument()
    expect(within(detail).getByText(/index out of range/)).toBeInTheDocument()
    expect(router.state.location.search).toContain('span=stock')
    expect(rowNamed(/ReserveStock/)).toHaveAttribute('aria-selected', 'true')
  })

  it('opens at a span with its path expanded and unrelated subtrees collapsed', async () => {
    serve({ ...trace, spans: [...trace.spans, sp('mail2', 'mail', 95_100, 100, { service: 'smtp' })] })
    open('/traces/tr1?span=stock')
    await screen.findByRole('treegrid')
    expect(rowNamed(/ReserveStock/)).toHaveAttribute('aria-selected', 'true')
    expect(rowNamed(/Notify/)).toHaveAttribute('aria-expanded', 'false')
    expect(screen.getAllByRole('row').some((r) => r.textContent?.includes('smtp'))).toBe(false)
  })

  it('errors only hides the rest and leaves a summary row', async () => {
    serve(trace)
    open('/traces/tr1?errors=1')
    await screen.findByRole('treegrid')
    expect(screen.getByText('2 spans hidden')).toBeInTheDocument()
    expect(screen.queryByText('Notify')).not.toBeInTheDocument()
  })

  it('searches with key=value and counts the matches', async () => {
    serve(trace)
    open('/traces/tr1')
    await screen.findByRole('treegrid')
    await userEvent.type(screen.getByRole('searchbox'), 'StatusCode=500')
    expect(await screen.findByText('1 match', undefined, { timeout: 5000 })).toBeInTheDocument()
  })

  it('shows hostile strings as inert text', async () => {
    serve(trace)
    const { container } = open('/traces/tr1?span=hostile')
    await screen.findByRole('treegrid')
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('script')).toBeNull()
    expect(screen.getAllByText('<script>window.__pwned=1</script>').length).toBeGreaterThan(0)
    expect(screen.getByRole('button', { name: /show more/ })).toBeInTheDocument()
  })

  it('says in plain words when the trace does not exist, with a retry', async () => {
    serve(null, 404)
    open('/traces/nope')
    expect(await screen.findByRole('alert')).toHaveTextContent('No trace with id nope')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })

  it('asks to open a file again when a file trace is no longer loaded', async () => {
    open('/traces/file-abc')
    expect(await screen.findByRole('alert')).toHaveTextContent('Open the file again')
    expect(screen.getByRole('link', { name: 'trace search page' })).toHaveAttribute('href', '/traces')
  })

  it('shows a file trace once the trace query has it, under the one key of the files source', async () => {
    const { queryClient } = open('/traces/file-abc')
    await screen.findByRole('alert')
    queryClient.setQueryData(traceKey('synthetic', 'file-abc'), { ...trace, traceId: 'file-abc' })
    await waitFor(() => expect(screen.getByRole('treegrid')).toBeInTheDocument())
  })

  it('on a big trace, shows the rows first and the error chains once worked out', async () => {
    const filler = Array.from({ length: 6000 }, (_, i) => sp(`f${i}`, 'mail', 95_000 + (i % 1000), 1, { service: 'mail-service', name: 'Queue' }))
    serve({ ...trace, spans: [...trace.spans, ...filler] })
    open('/traces/tr1')
    expect(await screen.findByRole('treegrid')).toBeInTheDocument()
    const chains = await screen.findByRole('region', { name: 'Error chains in this trace' }, { timeout: 5000 })
    expect(chains).toHaveTextContent('stock-service')
  })
})
