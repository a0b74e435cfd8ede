import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { TraceSummary } from '../../../../domain/model'
import { ResultsTable, servicesShown } from './results-table'

const summary = (id: string, extra: Partial<TraceSummary>): TraceSummary => ({
  traceId: id.padEnd(32, '0'),
  rootService: 'api-gateway',
  rootOperation: 'POST /api/checkout',
  startTime: 1_763_888_400_000_000,
  duration: 76_000,
  spanCount: 5,
  errorCount: 1,
  services: [{ name: 'invoice-service', spanCount: 2, errorCount: 1 }],
  sampling: { mode: 'posttrace', rate: 0.006 },
  ...extra,
})

describe('ResultsTable', () => {
  it('says "root not captured" for a capture without root, naming the earliest captured span instead', () => {
    const traces = [
      summary('a', { rootCaptured: false, rootService: 'invoice-service', rootOperation: 'consume order.created', duration: 4_100 }),
      summary('b', { rootCaptured: true }),
    ]
    render(
      <MemoryRouter>
        <ResultsTable traces={traces} sort={{ key: 'start', dir: 'desc' }} onSort={() => undefined} nowMs={1_763_888_500_000} />
      </MemoryRouter>,
    )
    const [rootless, whole] = screen.getAllByTestId('trace-row')
    expect(within(rootless).getByText('root not captured')).toBeInTheDocument()
    expect(rootless).toHaveTextContent('invoice-service')
    expect(rootless).toHaveTextContent('consume order.created')
    expect(rootless).not.toHaveTextContent('POST /api/checkout')
    expect(within(whole).queryByText('root not captured')).toBeNull()
  })

  it('opens a failing trace at its error origin and never hides a failing service behind "+N more"', () => {
    const healthy = ['api-gateway', 'checkout-bff', 'order-service', 'cart-service', 'pricing-service'].map((name) => ({ name, spanCount: 2, errorCount: 0 }))
    const traces = [
      summary('a', { services: [...healthy, { name: 'stock-service', spanCount: 1, errorCount: 1 }] }),
      summary('b', { errorCount: 0, services: healthy }),
    ]
    render(
      <MemoryRouter>
        <ResultsTable traces={traces} sort={{ key: 'start', dir: 'desc' }} onSort={() => undefined} nowMs={1_763_888_500_000} />
      </MemoryRouter>,
    )
    const [failing, ok] = screen.getAllByTestId('trace-row')
    expect(within(failing).getByRole('list')).toHaveTextContent('stock-service')
    expect(within(failing).getByRole('list')).toHaveTextContent('+2 more')
    expect(within(failing).getAllByRole('link')[0].getAttribute('href')).toMatch(/[?&]at=origin/)
    expect(within(ok).getAllByRole('link')[0].getAttribute('href')).not.toMatch(/at=origin/)
  })

  it('names every service with failed spans, however many, and counts only healthy ones as "+N more"', () => {
    const svc = (name: string, errorCount: number) => ({ name, spanCount: 1, errorCount })
    const failing = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => svc(n, 1))
    const { shown, healthyHidden } = servicesShown([svc('ok1', 0), ...failing, svc('ok2', 0)])
    expect(shown.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(healthyHidden).toBe(2)
    const few = servicesShown([svc('ok1', 0), svc('ok2', 0), svc('x', 3), svc('ok3', 0), svc('ok4', 0)])
    expect(few.shown.map((s) => s.name)).toEqual(['x', 'ok1', 'ok2', 'ok3'])
    expect(few.healthyHidden).toBe(1)
  })
})
