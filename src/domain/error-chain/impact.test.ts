import { describe, expect, it } from 'vitest'
import { meanOfSeries } from './impact'

describe('impact', () => {
  it('averages the points of all series and says when there is no data', () => {
    const r = { metric: 'error_rate' as const, step: 1, partial: null, series: [{ labels: {}, points: [[0, 0.1], [1, null], [2, 0.3]] as [number, number | null][] }] }
    expect(meanOfSeries(r)).toBeCloseTo(0.2)
    expect(meanOfSeries({ ...r, series: [] })).toBeNull()
    expect(meanOfSeries(undefined)).toBeNull()
  })
})
