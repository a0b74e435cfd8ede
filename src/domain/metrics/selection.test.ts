import { describe, expect, it } from 'vitest'
import { normalizeRange, percentileThreshold, pointWindow, selectionToTraceQuery, widenWindow } from './selection'
import type { MetricSeries } from '../model'

const scope = { service: 'api-gateway', operation: 'POST /api/checkout', filters: [{ key: 'DC', value: 'dc-east' }] }
const T = 1_795_000_000_000
const series: MetricSeries = { labels: {}, points: [[T, 200_000], [T + 15_000, 900_000], [T + 30_000, 400_000], [T + 45_000, null]] }

describe('selectionToTraceQuery', () => {
  it('an error-rate point asks for a failed span of the same series (its tags on that span) in the point step', () => {
    const sel = { metric: 'error_rate' as const, labels: {}, point: true, ...pointWindow(T, 15_000) }
    const { query, conditions, mode } = selectionToTraceQuery(scope, sel)
    expect(mode).toBe('failed')
    expect(query).toEqual({
      service: 'api-gateway',
      operation: 'POST /api/checkout',
      span: { tags: [{ key: 'DC', value: 'dc-east' }], status: 'error' },
      from: T,
      to: T + 15_000,
      limit: 50,
    })
    expect(conditions).toEqual(['failed'])
  })

  it('a grouped series adds its own label as a tag, once', () => {
    const sel = { metric: 'request_rate' as const, labels: { DC: 'dc-east', ToService: 'stock-service' }, point: false, from: T, to: T + 60_000 }
    const { query } = selectionToTraceQuery(scope, sel)
    expect(query.span.tags).toEqual([{ key: 'DC', value: 'dc-east' }, { key: 'ToService', value: 'stock-service' }])
    expect(query.span.status).toBeUndefined()
    expect(query.span.minDuration).toBeUndefined()
    expect(query).not.toHaveProperty('tags')
  })

  it('a latency percentile asks for a span of the series whose own duration reaches the percentile, not a whole trace', () => {
    const sel = { metric: 'latency_p99' as const, labels: {}, point: true, ...pointWindow(T + 15_000, 15_000) }
    const threshold = percentileThreshold(series, sel)
    expect(threshold).toBe(900_000)
    const d = selectionToTraceQuery(scope, sel, { threshold })
    expect(d.query.span.minDuration).toBe(900_000)
    expect(d.query).not.toHaveProperty('minDuration')
    expect(d.threshold).toBe(900_000)
    expect(d.mode).toBe('slowest')
    expect(d.quantileLabel).toBe('p99')
    expect(d.query.span.status).toBeUndefined()
  })

  it('over a range the threshold is the lowest percentile value inside it', () => {
    expect(percentileThreshold(series, { from: T + 10_000, to: T + 50_000, point: false })).toBe(400_000)
    expect(percentileThreshold(series, { from: T + 50_000, to: T + 60_000, point: false })).toBeNull()
  })

  it('a latency selection without data falls back to a sample instead of a wrong threshold', () => {
    const d = selectionToTraceQuery(scope, { metric: 'latency_p95', labels: {}, point: false, from: T, to: T + 1 }, { threshold: null })
    expect(d.query.span.minDuration).toBeUndefined()
    expect(d.query.span).toEqual({ tags: [{ key: 'DC', value: 'dc-east' }] })
    expect(d.mode).toBe('sample')
    expect(d.conditions).toEqual(['sampled across the window'])
  })

  it('a brushed range is normalised whatever the drag direction', () => {
    expect(normalizeRange(20, 10)).toEqual({ from: 10, to: 20 })
  })
})

describe('widenWindow', () => {
  it('reaches as far on each side, but not past the chart’s window', () => {
    const chart = { from: 0, to: 600_000 }
    expect(widenWindow({ from: 300_000, to: 315_000 }, 60_000, chart)).toEqual({ from: 240_000, to: 375_000 })
    expect(widenWindow({ from: 15_000, to: 30_000 }, 60_000, chart)).toEqual({ from: 0, to: 90_000 })
    expect(widenWindow({ from: 585_000, to: 600_000 }, 60_000, chart)).toEqual({ from: 525_000, to: 600_000 })
  })
})
