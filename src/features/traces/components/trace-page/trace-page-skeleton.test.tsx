import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { TracePageSkeleton } from './trace-page-skeleton'

describe('TracePageSkeleton', () => {
  it('says how many spans of a streamed trace have arrived', () => {
    render(<TracePageSkeleton progress={{ spans: 42_318, total: 100_000 }} />)
    expect(screen.getByRole('status')).toHaveTextContent('Receiving the trace: 42,318 of 100,000 spans')
    expect(screen.getByRole('progressbar', { name: 'Spans received' })).toHaveAttribute('value', '42')
  })

  it('without progress, only announces the loading to screen readers', () => {
    render(<TracePageSkeleton />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading the trace…')
    expect(screen.queryByRole('progressbar')).toBeNull()
  })
})
