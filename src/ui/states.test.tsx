import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../api/errors'
import { ErrorState, useKeptError } from './states'

const rateLimited = () =>
  new ApiError({ kind: 'http', status: 429, retryAfterMs: 30_000, source: 'Jaeger', url: '/x', message: 'Rate-limited by Jaeger (429 Too Many Requests): it asks the console to wait 30 s before asking again, so nothing is asked before then.' })

describe('ErrorState after a Retry-After', () => {
  afterEach(() => vi.useRealTimers())

  it('counts the wait down in a live view, and tells when it asks again', () => {
    vi.useFakeTimers()
    render(<ErrorState title="The graph could not be loaded" error={rateLimited()} onRetry={() => undefined} live />)
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Next try in 30 s.')
    act(() => vi.advanceTimersByTime(12_000))
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Next try in 18 s.')
  })

  it('keeps Retry disabled in other views until the wait is over', () => {
    vi.useFakeTimers()
    render(<ErrorState title="Traces could not be loaded" error={rateLimited()} onRetry={() => undefined} />)
    expect(screen.getByTestId('retry-countdown').textContent).toBe('Retry is possible in 30 s.')
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', true)
    act(() => vi.advanceTimersByTime(30_000))
    expect(screen.queryByTestId('retry-countdown')).toBeNull()
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveProperty('disabled', false)
  })
})

describe('useKeptError', () => {
  function Probe(q: { error: unknown; data: unknown; isFetching: boolean }) {
    const e = useKeptError(q)
    return <p>{e instanceof Error ? e.message : 'no error'}</p>
  }
  it('keeps the last failure while the query asks again without data, and forgets it once an answer comes', () => {
    const failure = new Error('Jaeger did not answer within 15 s.')
    const { rerender } = render(<Probe error={failure} data={undefined} isFetching={false} />)
    expect(screen.getByText(failure.message)).toBeTruthy()
    // asking again: TanStack has cleared the error
    rerender(<Probe error={null} data={undefined} isFetching />)
    expect(screen.getByText(failure.message)).toBeTruthy()
    rerender(<Probe error={null} data={{ nodes: [] }} isFetching={false} />)
    expect(screen.getByText('no error')).toBeTruthy()
  })
})
