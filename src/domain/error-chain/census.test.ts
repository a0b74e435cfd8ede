import { describe, expect, it } from 'vitest'
import { allocateSample, changeZ, estimateTotal, listedShare, planStrata, relativeMargin } from './census'
import type { ListedTrace, StratumListing } from './census'
import { designOf, expandEstimate } from './estimate'

const MIN = 60_000
const traces = (n: number, from: number, to: number, rate: number, tag = 't'): ListedTrace[] =>
  Array.from({ length: n }, (_, i) => ({ traceId: `${tag}${i}`, startTime: (from + ((to - from) * (i + 0.5)) / n) * 1000, rate }))

describe('planStrata', () => {
  it('cuts the whole window into equal strata: one per 5 minutes, between 3 and 24', () => {
    expect(planStrata({ from: 0, to: 15 * MIN })).toHaveLength(3)
    expect(planStrata({ from: 0, to: 60 * MIN })).toHaveLength(12)
    const day = planStrata({ from: 0, to: 24 * 60 * MIN })
    expect(day).toHaveLength(24)
    expect(day[0]?.from).toBe(0)
    expect(day[23]?.to).toBe(24 * 60 * MIN)
    for (let i = 1; i < day.length; i++) expect(day[i]?.from).toBe(day[i - 1]?.to)
  })
})

describe('estimateTotal', () => {
  it('is Σ 1/p over the listed traces, with the store’s variance Σ (1 − p)/p²', () => {
    const l: StratumListing = { from: 0, to: 10 * MIN, coveredFrom: 0, traces: [...traces(100, 0, 10 * MIN, 0.01), ...traces(10, 0, 10 * MIN, 1, 'd')] }
    const e = estimateTotal([l])
    expect(e.value).toBeCloseTo(100 * 100 + 10)
    expect(e.se).toBeCloseTo(Math.sqrt((100 * 0.99) / 0.0001))
    expect(e.n).toBe(110)
    expect(relativeMargin(e)).toBeCloseTo((1.96 * e.se) / e.value)
  })

  it('scales a stratum whose listing stopped early to its whole length, and says how much was listed', () => {
    const half: StratumListing = { from: 0, to: 10 * MIN, coveredFrom: 5 * MIN, traces: traces(50, 5 * MIN, 10 * MIN, 0.1) }
    const full: StratumListing = { from: 10 * MIN, to: 20 * MIN, coveredFrom: 10 * MIN, traces: traces(50, 10 * MIN, 20 * MIN, 0.1) }
    expect(estimateTotal([half, full]).value).toBeCloseTo(1000 + 500)
    expect(listedShare([half, full])).toBeCloseTo(0.75)
  })
})

describe('allocateSample and expandEstimate', () => {
  // a window whose first half has 10× the error traces of its second half
  const busy: StratumListing = { from: 0, to: 10 * MIN, coveredFrom: 0, traces: traces(1000, 0, 10 * MIN, 0.01, 'a') }
  const quiet: StratumListing = { from: 10 * MIN, to: 20 * MIN, coveredFrom: 10 * MIN, traces: traces(100, 10 * MIN, 20 * MIN, 0.01, 'b') }

  it('draws the sample in proportion to each stratum, spread over its time, at least two per stratum', () => {
    const picks = allocateSample([busy, quiet], 110)
    expect(picks.filter((p) => p.stratum === 0)).toHaveLength(100)
    expect(picks.filter((p) => p.stratum === 1)).toHaveLength(10)
    const times = picks.filter((p) => p.stratum === 0).map((p) => p.trace.startTime / 1000)
    expect(Math.min(...times)).toBeLessThan(MIN / 10)
    expect(Math.max(...times)).toBeGreaterThan(9.9 * MIN)
    const tiny: StratumListing = { ...quiet, traces: quiet.traces.slice(0, 3) }
    expect(allocateSample([busy, tiny], 20).filter((p) => p.stratum === 1)).toHaveLength(2)
    expect(allocateSample([busy, quiet], 2000)).toHaveLength(1100)
  })

  it('weights each analysed trace by its inclusion probability: the listed total comes back, with no phase-two error when all are analysed', () => {
    const design = designOf([busy, quiet])
    const all = allocateSample([busy, quiet], 5000).map((p) => ({ stratum: p.stratum, rate: p.trace.rate }))
    const e = expandEstimate(all, design, () => true)
    expect(e.value).toBeCloseTo(design.total.value)
    expect(e.se).toBeCloseTo(design.total.se)
  })

  it('estimates a chain found only in the quiet half from a proportional sample, with its sampling error', () => {
    const design = designOf([busy, quiet])
    const picks = allocateSample([busy, quiet], 110).map((p, i) => ({ stratum: p.stratum, rate: p.trace.rate, chain: p.stratum === 1 && i % 2 === 0 }))
    const e = expandEstimate(picks, design, (d) => d.chain)
    // half of the quiet stratum's 100 stored traces, each standing for 100 requests
    expect(e.value).toBeCloseTo(5000, -2)
    expect(e.n).toBe(5)
    expect(e.se).toBeGreaterThan(0)
    expect(e.se / e.value).toBeLessThan(0.5)
  })

  it('merges strata with fewer than two analysed traces into their neighbours instead of dropping their volume', () => {
    const design = designOf([busy, quiet])
    const one = [{ stratum: 0, rate: 0.01 }, { stratum: 0, rate: 0.01 }, { stratum: 1, rate: 0.01 }]
    expect(expandEstimate(one, design, () => true).value).toBeCloseTo(1100 * 100)
  })
})

describe('changeZ', () => {
  it('measures a difference in units of its standard error', () => {
    expect(changeZ({ value: 130, se: 3 }, { value: 100, se: 4 })).toBeCloseTo(6)
    expect(changeZ({ value: 5, se: 0 }, { value: 5, se: 0 })).toBe(0)
  })
})
