import { describe, expect, it } from 'vitest'
import type { ChainGroup } from './aggregate'
import { entriesReached, meanOfSeries } from './impact'

const g = (endService: string, estimated: number, reachedEntry = true, count = 1) => ({ endService, estimated, reachedEntry, count }) as ChainGroup

describe('impact', () => {
  it('sums estimated errors per entry reached, ignoring stopped and vanished chains', () => {
    expect(entriesReached([g('api-gateway', 10), g('mobile-gateway', 4), g('api-gateway', 5), g('catalog', 99, false), g('x', 50, true, 0)])).toEqual([
      { service: 'api-gateway', estimated: 15, chains: 2 },
      { service: 'mobile-gateway', estimated: 4, chains: 1 },
    ])
  })
  it('averages the points of all series and says when there is no data', () => {
    const r = { metric: 'error_rate' as const, step: 1, partial: null, series: [{ labels: {}, points: [[0, 0.1], [1, null], [2, 0.3]] as [number, number | null][] }] }
    expect(meanOfSeries(r)).toBeCloseTo(0.2)
    expect(meanOfSeries({ ...r, series: [] })).toBeNull()
    expect(meanOfSeries(undefined)).toBeNull()
  })
})
