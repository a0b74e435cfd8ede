import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { TraceSummary } from '../../../domain/model'
import { ResultsTable } from './results-table'

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
})
