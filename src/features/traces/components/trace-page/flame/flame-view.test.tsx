import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { server } from '../../../../../../mocks/node'
import type { Span, Trace } from '../../../../../domain/model'
import { renderWithProviders } from '../../../../../test/render'
import { TraceRoute } from '../../../routes/trace-route'

const T0 = Date.parse('2026-11-23T09:50:00Z') * 1000
function sp(id: string, parent: string | null, start: number, dur: number, extra: Partial<Span> = {}): Span {
  const service = extra.service ?? 'api-gateway'
  return {
    traceId: 'fl1', spanId: id, parentSpanId: parent, name: `op-${id}`, kind: 'server', service,
    startTime: T0 + start, duration: dur, status: 'ok', resource: { ServiceName: service }, tags: {}, events: [], metrics: {}, ...extra,
  }
}
const trace: Trace = {
  traceId: 'fl1',
  sampling: { mode: 'probability', rate: 0.001, triggerSpanId: null, triggerTime: null },
  warnings: [],
  spans: [
    sp('root', null, 0, 100_000, { name: 'POST /api/checkout', status: 'error' }),
    sp('c1', 'root', 1000, 10_000, { service: 'stock-service', name: 'CheckStock' }),
    sp('c2', 'root', 12_000, 10_000, { service: 'stock-service', name: 'CheckStock' }),
    sp('r', 'root', 30_000, 20_000, {
      service: 'stock-service', name: 'ReserveStock', status: 'error',
      events: [{ time: T0 + 40_000, name: 'panic', attributes: { message: 'index out of range' } }],
    }),
  ],
}

function open(url: string) {
  server.use(
    http.get('/api/v1/traces/:id', () => HttpResponse.json({ trace })),
    http.get('/api/v1/logs', () => HttpResponse.json({ logs: [] })),
  )
  return renderWithProviders(<TraceRoute />, { path: '/traces/:traceId', url })
}

describe('flame graph view', () => {
  it('opens from the view switch, keeps the view in the URL and sums repeated calls into one frame', async () => {
    const { router } = open('/traces/fl1')
    await userEvent.click(await screen.findByRole('tab', { name: 'Flame graph' }))
    await waitFor(() => expect(router.state.location.search).toContain('view=flame'))
    const flame = await screen.findByRole('region', { name: 'Flame graph' })
    // 4 spans: root, CheckStock ×2 (one frame), ReserveStock
    expect(await within(flame).findByText(/3 frames from 4 spans/)).toBeInTheDocument()
    expect(within(flame).getByRole('img', { name: /Flame graph of 4 spans, grouped by path/ })).toBeInTheDocument()
  })

  it('search says how many frames and spans match', async () => {
    open('/traces/fl1?view=flame&q=stock')
    expect(await screen.findByText(/2 frames \(3 spans\) match/)).toBeInTheDocument()
  })

  it('a zoomed frame (from the URL) lists its spans; picking one shows its detail and links to the Gantt there', async () => {
    const { router } = open('/traces/fl1?view=flame&fzoom=r')
    const crumbs = await screen.findByRole('navigation', { name: 'Zoom path' })
    expect(within(crumbs).getByText('stock-service ReserveStock')).toHaveAttribute('aria-current', 'location')
    const spans = screen.getByRole('region', { name: 'Spans of this frame' })
    expect(within(spans).getByText('1 span in this frame')).toBeInTheDocument()
    await userEvent.click(within(spans).getByRole('button', { name: /20 ms/ }))
    await waitFor(() => expect(router.state.location.search).toContain('span=r'))
    const detail = await screen.findByRole('complementary', { name: 'Span detail' })
    expect(within(detail).getByText('panic', { exact: true })).toBeInTheDocument()
    expect(within(spans).getByRole('link', { name: 'Gantt at this span' })).toHaveAttribute('href', expect.stringMatching(/span=r/))
    // back to the whole trace from the breadcrumb
    await userEvent.click(within(crumbs).getByRole('button', { name: 'All spans' }))
    await waitFor(() => expect(router.state.location.search).not.toContain('fzoom'))
  })

  it('per-span frames and self-time widths are settings in the URL', async () => {
    const { router } = open('/traces/fl1?view=flame')
    await userEvent.click(await screen.findByRole('button', { name: 'Per span' }))
    expect(await screen.findByText(/4 frames from 4 spans/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Self time' }))
    await waitFor(() => expect(router.state.location.search).toMatch(/fgroup=span.*fwidth=self|fwidth=self.*fgroup=span/))
  })
})
