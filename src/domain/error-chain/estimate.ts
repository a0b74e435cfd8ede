/**
 * Estimates from the analysed sample of a window's error traces. Pure.
 *
 * Two phases: the store's sample (each stored trace included with probability p, its
 * `sampling.rate`), then the analysis sample (a_h of the N_h stored error traces listed in time
 * stratum h, see census.ts). A trace analysed in stratum h stands for N_h / (a_h · p) real traces,
 * so the estimate of a quantity y (1 when the trace carries the chain, else 0) is
 *   Ŷ = Σ_h N_h / a_h · Σ_{i analysed in h} y_i / p_i
 * with variance (two-phase, stratified)
 *   V = Σ_h N_h² (1 − a_h/N_h) s_h² / a_h    (which of the stored traces were analysed)
 *     + Σ_h N_h / a_h · Σ_i y_i (1 − p_i) / p_i²    (which real traces were stored)
 * where s_h² is the sample variance of y/p in stratum h. Strata with fewer than two analysed
 * traces are merged with their neighbours (later first) so every s_h² can be measured.
 */
import { estimateTotal, listedShare, stratumScale } from './census'
import type { Estimate, StratumListing } from './census'

export interface SampleDesign {
  /** per stratum: stored error traces listed, and the factor to the whole stratum (1 = complete) */
  strata: { listed: number; scale: number }[]
  /** the window's real error traces, estimated from the whole listing */
  total: Estimate
  /** stored error traces listed over the window */
  listed: number
  /** share of the window whose stored error traces were all listed (1 = all) */
  listedShare: number
}

/** The design of an analysis sample drawn from the window's listing (allocateSample). */
export function designOf(listings: readonly StratumListing[]): SampleDesign {
  return {
    strata: listings.map((l) => ({ listed: l.traces.length, scale: stratumScale(l) })),
    total: estimateTotal(listings),
    listed: listings.reduce((s, l) => s + l.traces.length, 0),
    listedShare: listedShare(listings),
  }
}

/** A design with no strata: each analysed trace stands for 1/p traces (a sample that was not listed). */
export const EMPTY_DESIGN: SampleDesign = { strata: [], total: { value: 0, se: 0, n: 0 }, listed: 0, listedShare: 1 }

export interface Sampled {
  stratum: number
  /** inclusion probability in the store */
  rate: number
}

interface Cell {
  N: number
  items: Sampled[]
}

/** Strata merged until each holds at least two analysed traces. */
function cells(sample: readonly Sampled[], design: SampleDesign): Cell[] {
  const per: Cell[] = design.strata.map((s) => ({ N: s.listed * s.scale, items: [] }))
  for (const d of sample) per[d.stratum]?.items.push(d)
  const out: Cell[] = []
  let cur: Cell = { N: 0, items: [] }
  for (const c of per) {
    cur.N += c.N
    cur.items.push(...c.items)
    if (cur.items.length >= 2) {
      out.push(cur)
      cur = { N: 0, items: [] }
    }
  }
  if (cur.N > 0 || cur.items.length > 0) {
    const last = out[out.length - 1]
    if (last) {
      last.N += cur.N
      last.items.push(...cur.items)
    } else out.push(cur)
  }
  return out
}

/**
 * The cells the estimates use (strata merged until each holds two analysed traces): the cell of
 * each sampled trace, and each cell's stored traces N and analysed traces a. Without strata, one
 * cell holding the whole sample with N = a (each trace counts 1/p, no first-phase variance).
 */
export interface CellPlan {
  cellOf: Int32Array
  N: number[]
  a: number[]
}

export function planCells(sample: readonly Sampled[], design: SampleDesign): CellPlan {
  const cellOf = new Int32Array(sample.length)
  if (design.strata.length === 0) return { cellOf, N: [sample.length], a: [sample.length] }
  const tagged = sample.map((d, i) => ({ stratum: d.stratum, rate: d.rate, i }))
  const cs = cells(tagged, design)
  cs.forEach((c, k) => {
    for (const d of c.items) cellOf[(d as (typeof tagged)[number]).i] = k
  })
  return { cellOf, N: cs.map((c) => c.N), a: cs.map((c) => c.items.length) }
}

const p = (d: Sampled) => (d.rate > 0 ? Math.min(1, d.rate) : 1)

/**
 * Estimate of the real number of error traces for which `has` holds. Without strata (no listing)
 * each trace counts 1/p and only the store's variance is known.
 */
export function expandEstimate<T extends Sampled>(sample: readonly T[], design: SampleDesign, has: (d: T) => boolean): Estimate {
  return expandSum(sample, design, (d) => (has(d) ? 1 : 0))
}

/**
 * Estimate of the real total of a per-trace quantity y (calls of an operation, µs on the critical
 * path, …): Ŷ = Σ_h N_h/a_h · Σ y_i/p_i, with the two-phase variance above (the store's part is
 * Σ_h N_h/a_h · Σ y_i² (1 − p_i)/p_i², which is the error-trace formula when y is 0 or 1). `n` counts
 * the traces with y ≠ 0. Without strata each trace counts 1/p.
 */
export function expandSum<T extends Sampled>(sample: readonly T[], design: SampleDesign, y: (d: T) => number): Estimate {
  let n = 0
  for (const d of sample) if (y(d) !== 0) n += 1
  if (design.strata.length === 0) {
    let value = 0
    let variance = 0
    for (const d of sample) {
      const v = y(d)
      if (v === 0) continue
      value += v / p(d)
      variance += (v * v * (1 - p(d))) / p(d) ** 2
    }
    return { value, se: Math.sqrt(variance), n }
  }
  let value = 0
  let variance = 0
  for (const cell of cells(sample, design)) {
    const a = cell.items.length
    if (a === 0) continue
    const expand = Math.max(1, cell.N / a)
    const ys = cell.items.map((d) => y(d as T))
    const z = cell.items.map((d, i) => (ys[i] ?? 0) / p(d))
    const sum = z.reduce((s, v) => s + v, 0)
    value += expand * sum
    if (a >= 2) {
      const mean = sum / a
      const s2 = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (a - 1)
      variance += cell.N * cell.N * Math.max(0, 1 - a / Math.max(cell.N, a)) * (s2 / a)
    }
    cell.items.forEach((d, i) => {
      const v = ys[i] ?? 0
      if (v !== 0) variance += (expand * v * v * (1 - p(d))) / p(d) ** 2
    })
  }
  return { value, se: Math.sqrt(variance), n }
}
