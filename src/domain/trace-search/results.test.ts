import { describe, expect, it } from 'vitest'
import type { TraceSummary } from '../model'
import { DEFAULT_SORT, formatBrush, inBrush, parseBrush, parseSortOrder, sortSummaries } from './results'

const summary = (traceId: string, startMs: number, durationUs: number, extra: Partial<TraceSummary> = {}): TraceSummary => ({
  traceId,
  rootService: 'api-gateway',
  rootOperation: 'GET /api/products',
  startTime: startMs * 1000,
  duration: durationUs,
  spanCount: 10,
  errorCount: 0,
  services: [{ name: 'api-gateway', spanCount: 10, errorCount: 0 }],
  sampling: { mode: 'probability', rate: 0.001 },
  ...extra,
})

const list = [
  summary('a', 1_000, 5_000, { errorCount: 2 }),
  summary('b', 3_000, 90_000),
  summary('c', 2_000, 5_000, { spanCount: 400 }),
]

describe('sortSummaries', () => {
  it('sorts by start, newest first, by default', () => {
    expect(sortSummaries(list, DEFAULT_SORT).map((t) => t.traceId)).toEqual(['b', 'c', 'a'])
  })

  it('sorts by duration in both directions, ties broken by the newest start', () => {
    expect(sortSummaries(list, { key: 'duration', dir: 'desc' }).map((t) => t.traceId)).toEqual(['b', 'c', 'a'])
    expect(sortSummaries(list, { key: 'duration', dir: 'asc' }).map((t) => t.traceId)).toEqual(['c', 'a', 'b'])
  })

  it('sorts by errors and span count without changing the input', () => {
    expect(sortSummaries(list, { key: 'errors', dir: 'desc' })[0].traceId).toBe('a')
    expect(sortSummaries(list, { key: 'spans', dir: 'desc' })[0].traceId).toBe('c')
    expect(list.map((t) => t.traceId)).toEqual(['a', 'b', 'c'])
  })
})

describe('sort order in the URL', () => {
  it('reads what it writes and falls back to the default for junk', () => {
    expect(parseSortOrder('duration:asc')).toEqual({ key: 'duration', dir: 'asc' })
    expect(parseSortOrder('nope:asc')).toEqual(DEFAULT_SORT)
    expect(parseSortOrder(null)).toEqual(DEFAULT_SORT)
  })
})

describe('brush', () => {
  it('keeps the traces inside the brushed time and duration rectangle', () => {
    const b = { from: 1_500, to: 3_000, minDuration: 1_000, maxDuration: 10_000 }
    expect(inBrush(list, b).map((t) => t.traceId)).toEqual(['c'])
    expect(inBrush(list, null)).toHaveLength(3)
  })

  it('round-trips through its URL text and rejects inverted or partial regions', () => {
    const b = { from: 1_500, to: 3_000, minDuration: 1_000, maxDuration: 10_000 }
    expect(parseBrush(formatBrush(b))).toEqual(b)
    expect(parseBrush('3,1,0,5')).toBeNull()
    expect(parseBrush('1,2,3')).toBeNull()
    expect(parseBrush('a,b,c,d')).toBeNull()
  })
})
