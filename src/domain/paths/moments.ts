/**
 * Totals and ratios over a two-phase, time-stratified sample of traces, from per-cell moments, so
 * that a quantity present in few traces (a node called by one trace in twenty) costs only those
 * traces. The same estimators as src/domain/error-chain/estimate.ts (expandSum), written for sparse
 * data:
 *   Ŷ = Σ_c e_c Σ_i y_i/p_i          e_c = max(1, N_c/a_c)
 *   V(Ŷ) = Σ_c N_c² (1 − a_c/N_c) s²_c / a_c + Σ_c e_c Σ_i y_i² (1 − p_i)/p_i²
 * and for a ratio R = Ŷ/X̂ the linearised variance V(Ŷ − R X̂) / X̂². Pure.
 */
import { planCells } from '../error-chain/estimate'
import type { CellPlan, SampleDesign, Sampled } from '../error-chain/estimate'
import type { Exclusion } from './digest'

export interface Estimate {
  value: number
  /** standard error */
  se: number
  /** traces with a non-zero value */
  n: number
}

/** Per-trace inclusion probability and cell, fixed for one analysis. */
export interface Frame {
  plan: CellPlan
  /** inclusion probability of each sampled trace */
  p: Float64Array
  /** e_c per cell */
  expand: Float64Array
}

export function makeFrame(plan: CellPlan, rates: ArrayLike<number>): Frame {
  const p = new Float64Array(rates.length)
  for (let i = 0; i < rates.length; i++) {
    const r = rates[i] ?? 1
    p[i] = r > 0 ? Math.min(1, r) : 1
  }
  const expand = new Float64Array(plan.N.length)
  plan.N.forEach((N, c) => {
    const a = plan.a[c] ?? 0
    expand[c] = a > 0 ? Math.max(1, N / a) : 1
  })
  return { plan, p, expand }
}

/** Weight of one sampled trace in a total: e_c / p_i. */
export const weightOf = (f: Frame, i: number): number => (f.expand[f.plan.cellOf[i] ?? 0] ?? 1) / (f.p[i] ?? 1)

/** Moments of y (and of y against x) per cell, in units of y/p. */
export interface Moments {
  sy: Float64Array
  syy: Float64Array
  /** Σ y² (1 − p)/p² */
  ty: Float64Array
  n: number
}

export function moments(f: Frame, items: Iterable<readonly [number, number]>): Moments {
  const idx: number[] = []
  const ys: number[] = []
  for (const [i, y] of items) {
    idx.push(i)
    ys.push(y)
  }
  return momentsOf(f, idx, ys)
}

/** moments over parallel columns: trace index `idx[k]`, value `y[k]` (no pair allocated per trace). */
export function momentsOf(f: Frame, idx: ArrayLike<number>, y: ArrayLike<number>, length = idx.length): Moments {
  const k = f.plan.N.length
  const m: Moments = { sy: new Float64Array(k), syy: new Float64Array(k), ty: new Float64Array(k), n: 0 }
  const cellOf = f.plan.cellOf
  for (let j = 0; j < length; j++) {
    const v = y[j] ?? 0
    if (v === 0) continue
    const i = idx[j] ?? 0
    const c = cellOf[i] ?? 0
    const p = f.p[i] ?? 1
    const z = v / p
    m.sy[c] = (m.sy[c] ?? 0) + z
    m.syy[c] = (m.syy[c] ?? 0) + z * z
    m.ty[c] = (m.ty[c] ?? 0) + (v * v * (1 - p)) / (p * p)
    m.n += 1
  }
  return m
}

/** Cross moments Σ (y/p)(x/p) and Σ x y (1 − p)/p² over the traces where both are known. */
export function cross(f: Frame, items: Iterable<readonly [number, number, number]>): { sxy: Float64Array; txy: Float64Array } {
  const idx: number[] = []
  const ys: number[] = []
  const xs: number[] = []
  for (const [i, y, x] of items) {
    idx.push(i)
    ys.push(y)
    xs.push(x)
  }
  return crossOf(f, idx, ys, (j) => xs[j] ?? 0)
}

/** cross over parallel columns: trace index `idx[k]`, y `y[k]`, x `xAt(k)`. */
export function crossOf(f: Frame, idx: ArrayLike<number>, y: ArrayLike<number>, xAt: (k: number) => number, length = idx.length): { sxy: Float64Array; txy: Float64Array } {
  const k = f.plan.N.length
  const sxy = new Float64Array(k)
  const txy = new Float64Array(k)
  const cellOf = f.plan.cellOf
  for (let j = 0; j < length; j++) {
    const i = idx[j] ?? 0
    const yv = y[j] ?? 0
    const x = xAt(j)
    const c = cellOf[i] ?? 0
    const p = f.p[i] ?? 1
    sxy[c] = (sxy[c] ?? 0) + (yv * x) / (p * p)
    txy[c] = (txy[c] ?? 0) + (x * yv * (1 - p)) / (p * p)
  }
  return { sxy, txy }
}

function variance(f: Frame, s: (c: number) => number, ss: (c: number) => number, t: (c: number) => number): number {
  let v = 0
  for (let c = 0; c < f.plan.N.length; c++) {
    const N = f.plan.N[c] ?? 0
    const a = f.plan.a[c] ?? 0
    if (a === 0) continue
    if (a >= 2) {
      const s2 = Math.max(0, (ss(c) - (s(c) * s(c)) / a) / (a - 1))
      v += N * N * Math.max(0, 1 - a / Math.max(N, a)) * (s2 / a)
    }
    v += (f.expand[c] ?? 1) * t(c)
  }
  return Math.max(0, v)
}

export function total(f: Frame, m: Moments): Estimate {
  let value = 0
  for (let c = 0; c < f.plan.N.length; c++) value += (f.expand[c] ?? 1) * (m.sy[c] ?? 0)
  const v = variance(f, (c) => m.sy[c] ?? 0, (c) => m.syy[c] ?? 0, (c) => m.ty[c] ?? 0)
  return { value, se: Math.sqrt(v), n: m.n }
}

/** R = Ŷ/X̂ with its linearised standard error; `n` is y's. 0 ± 0 when X̂ is 0. */
export function ratio(f: Frame, y: Moments, x: Moments, xy: { sxy: Float64Array; txy: Float64Array }): Estimate {
  const Y = total(f, y).value
  const X = total(f, x).value
  if (X <= 0) return { value: 0, se: 0, n: y.n }
  const R = Y / X
  const at = (a: Float64Array, c: number) => a[c] ?? 0
  const v = variance(
    f,
    (c) => at(y.sy, c) - R * at(x.sy, c),
    (c) => at(y.syy, c) - 2 * R * at(xy.sxy, c) + R * R * at(x.syy, c),
    (c) => at(y.ty, c) - 2 * R * at(xy.txy, c) + R * R * at(x.ty, c),
  )
  return { value: R, se: Math.sqrt(v) / X, n: y.n }
}

/** Weighted quantiles (q in (0, 1)) of values, each with its weight: the smallest value whose cumulative weight reaches q of the total. */
export function weightedQuantiles(values: Float64Array, weights: Float64Array, qs: readonly number[]): number[] {
  const n = values.length
  if (n === 0) return qs.map(() => NaN)
  const idx = sortedOrder(values)
  let totalW = 0
  for (let i = 0; i < n; i++) totalW += weights[i] ?? 0
  const out: number[] = []
  let acc = 0
  let k = 0
  for (const q of qs) {
    const target = q * totalW
    while (k < n - 1 && acc + (weights[idx[k] ?? 0] ?? 0) < target) {
      acc += weights[idx[k] ?? 0] ?? 0
      k++
    }
    out.push(values[idx[k] ?? 0] ?? NaN)
  }
  return out
}

/**
 * Positions of `values` in ascending order, equal values in their order of position (a stable
 * sort). When every value is a whole number small enough, value and position are packed into one
 * exact double (value · 2^b + position) and sorted by the engine's numeric sort, several times
 * quicker than a sort that calls back per comparison; the order is the same.
 */
function sortedOrder(values: Float64Array): Uint32Array {
  const n = values.length
  const idx = new Uint32Array(n)
  let max = 0
  let whole = true
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0
    if (!(v >= 0 && Number.isInteger(v))) {
      whole = false
      break
    }
    if (v > max) max = v
  }
  const span = 2 ** Math.ceil(Math.log2(n + 1))
  if (whole && (max + 1) * span <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n)
    for (let i = 0; i < n; i++) packed[i] = (values[i] ?? 0) * span + i
    packed.sort()
    for (let i = 0; i < n; i++) {
      const p = packed[i] ?? 0
      idx[i] = p - Math.floor(p / span) * span
    }
    return idx
  }
  for (let i = 0; i < n; i++) idx[i] = i
  idx.sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0))
  return idx
}

/** What every analysis of digests starts from: the digests it uses and the sample frame over them. */
export interface PreparedSample<D> {
  /** traces left out, by reason */
  excluded: Record<Exclusion, number>
  /** the digests used, by time (then trace id), so examples are the earliest traces whatever order they were analysed in */
  used: D[]
  frame: Frame
  /** every used trace says its sampling rate */
  ratesKnown: boolean
  /** the window's length in seconds (rates are per second of it) */
  seconds: number
}

export function prepareSample<D extends Sampled & { excluded: Exclusion | null; startTime: number; traceId: string; rateKnown: boolean }>(
  digests: readonly D[],
  design: SampleDesign,
  window: { from: number; to: number },
): PreparedSample<D> {
  const excluded: Record<Exclusion, number> = { posttrace: 0, orphans: 0, 'no-entry': 0 }
  const used: D[] = []
  for (const d of digests) {
    if (d.excluded) excluded[d.excluded] += 1
    else used.push(d)
  }
  used.sort((a, b) => a.startTime - b.startTime || (a.traceId < b.traceId ? -1 : 1))
  return {
    excluded,
    used,
    frame: makeFrame(planCells(used, design), used.map((d) => d.rate)),
    ratesKnown: used.every((d) => d.rateKnown),
    seconds: Math.max(1e-9, (window.to - window.from) / 1000),
  }
}
