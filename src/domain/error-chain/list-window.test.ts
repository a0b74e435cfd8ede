import type { TraceSearchResult, TraceSummary } from '../model'
import { listStratum, listWindow } from './list-window'

const MIN = 60_000

/** A store of `n` error traces spread over [0, 10 min), answering newest first like a trace search. */
function store(n: number) {
  const all: TraceSummary[] = Array.from({ length: n }, (_, i) => ({
    traceId: `t${i}`,
    rootService: 'api-gateway',
    rootOperation: 'GET /',
    startTime: Math.floor(((i + 0.5) * 10 * MIN) / n) * 1000,
    duration: 1000,
    spanCount: 3,
    errorCount: 1,
    services: [],
    sampling: { mode: 'probability', rate: 0.01 },
  }))
  const calls: { from: number; to: number; limit: number }[] = []
  const search = (q: { from: number; to: number; limit: number }): Promise<TraceSearchResult> => {
    calls.push(q)
    const hits = all.filter((t) => t.startTime / 1000 >= q.from && t.startTime / 1000 < q.to).reverse()
    return Promise.resolve({ traces: hits.slice(0, q.limit), truncated: hits.length > q.limit, partial: null })
  }
  return { search, calls }
}

describe('listing a window’s stored error traces', () => {
  it('pages back in time until the stratum is complete: every trace once', async () => {
    const { search, calls } = store(2500)
    const l = await listStratum(search, { from: 0, to: 10 * MIN }, { left: 20_000 }, () => {})
    expect(l.traces).toHaveLength(2500)
    expect(new Set(l.traces.map((t) => t.traceId)).size).toBe(2500)
    expect(l.coveredFrom).toBe(0)
    expect(calls).toHaveLength(3)
  })

  it('stops at the budget and says which part of the stratum it covers', async () => {
    const { search } = store(2500)
    const l = await listStratum(search, { from: 0, to: 10 * MIN }, { left: 1500 }, () => {})
    expect(l.traces.length).toBeLessThanOrEqual(1500)
    expect(l.traces.length).toBeGreaterThan(1490)
    expect(l.coveredFrom).toBeGreaterThan(3.9 * MIN)
    expect(l.coveredFrom).toBeLessThan(4.1 * MIN)
  })

  it('lists every stratum of the window', async () => {
    const { search } = store(300)
    const ls = await listWindow(search, { from: 0, to: 10 * MIN })
    expect(ls).toHaveLength(3)
    expect(ls.reduce((s, l) => s + l.traces.length, 0)).toBe(300)
  })
})
