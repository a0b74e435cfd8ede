import { describe, expect, it } from 'vitest'
import { thinExemplars } from './exemplars'
import type { Exemplar } from '../model'

const ex = (id: string, time: number, latency: number, isError = false): Exemplar => ({
  time, traceId: id, spanId: `s-${id}`, service: 'api-gateway', operation: 'GET /', latency, isError, labels: {},
})

describe('thinExemplars', () => {
  it('keeps the slowest and the failing exemplar of a crowded cell, and reports the cell size', () => {
    const cell = [ex('a', 1000, 10), ex('b', 1100, 50), ex('slow', 1200, 9000), ex('c', 1300, 20), ex('fail', 1400, 5, true), ex('d', 1500, 30)]
    const { kept, total } = thinExemplars(cell, { cellMs: 10_000, perCell: 2 })
    expect(total).toBe(6)
    expect(kept.map((e) => e.traceId).sort()).toEqual(['fail', 'slow'])
    expect(kept.every((e) => e.cellCount === 6)).toBe(true)
  })

  it('fills the budget with the slowest remaining ones and thins each cell separately', () => {
    const list = [ex('a', 0, 1), ex('b', 1, 3), ex('c', 2, 2), ex('d', 3, 4), ex('x', 20_000, 1)]
    const { kept } = thinExemplars(list, { cellMs: 10_000, perCell: 3 })
    expect(kept.map((e) => e.traceId)).toEqual(['b', 'c', 'd', 'x'])
  })

  it('prefers more failing exemplars over fast successes', () => {
    const list = [ex('slow', 0, 100), ex('ok1', 1, 90), ex('f1', 2, 1, true), ex('f2', 3, 2, true)]
    const { kept } = thinExemplars(list, { cellMs: 10_000, perCell: 3 })
    expect(kept.map((e) => e.traceId).sort()).toEqual(['f1', 'f2', 'slow'])
  })
})
