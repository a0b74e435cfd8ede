import { ApiError, formatWait, parseRetryAfter } from './errors'
import { refreshAfter, shouldRetry } from './query-client'

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', 0)).toBe(30_000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(30_000)
    expect(parseRetryAfter('soon', 0)).toBeNull()
    expect(formatWait(30_000)).toBe('30 s')
    expect(formatWait(125_000)).toBe('2 min 5 s')
  })
  it('is never retried at once, and a live refresh waits for it', () => {
    const limited = new ApiError({ kind: 'http', status: 429, source: 'Jaeger', url: '/x', message: 'm', retryAfterMs: 30_000 })
    const plain = new ApiError({ kind: 'http', status: 503, source: 'Jaeger', url: '/x', message: 'm' })
    expect(shouldRetry(0, limited)).toBe(false)
    expect(shouldRetry(0, plain)).toBe(true)
    const at = Date.now()
    const next = refreshAfter(10_000)({ state: { status: 'error', error: limited, errorUpdatedAt: at } })
    expect(next).toBeGreaterThan(25_000)
    expect(refreshAfter(10_000)({ state: { status: 'error', error: plain, errorUpdatedAt: at } })).toBe(10_000)
  })
})
