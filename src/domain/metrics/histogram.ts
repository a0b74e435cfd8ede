/**
 * Mergeable latency histograms with exponential buckets, as Prometheus native histograms keep them:
 * with schema s, bucket i holds the values in (base^(i-1), base^i], base = 2^(2^-s). Schema 4
 * (base ≈ 1.044) bounds the error of an interpolated quantile by 4.4 % of its value.
 *
 * Histograms of different times, operations or groups merge by adding bucket counts; a quantile is
 * taken once, from the merged histogram (never a quantile of quantiles). Pure.
 */
export interface Histogram {
  schema: number
  /** bucket index of counts[0] */
  offset: number
  /** observations per bucket (may be fractional where the counts are expected values of a model) */
  counts: number[]
}

export const LATENCY_SCHEMA = 4

export const bucketBase = (schema: number): number => 2 ** (2 ** -schema)

/** Index of the bucket holding value v > 0: the smallest i with v ≤ base^i. */
export function bucketIndex(v: number, schema: number): number {
  const scale = 2 ** schema
  const i = Math.ceil(Math.log2(v) * scale)
  // guard against rounding at exact boundaries
  if (2 ** ((i - 1) / scale) >= v) return i - 1
  if (2 ** (i / scale) < v) return i + 1
  return i
}

export const bucketUpper = (i: number, schema: number): number => 2 ** (i / 2 ** schema)
export const bucketLower = (i: number, schema: number): number => 2 ** ((i - 1) / 2 ** schema)

export const histogramTotal = (h: Histogram): number => h.counts.reduce((a, b) => a + b, 0)

/** Accumulates histograms of one schema by adding their counts. */
export class HistogramSum {
  private readonly bins = new Map<number, number>()
  constructor(readonly schema: number = LATENCY_SCHEMA) {}

  add(h: Histogram, weight = 1): this {
    if (h.schema !== this.schema) throw new Error(`cannot merge a schema ${h.schema} histogram into schema ${this.schema}`)
    h.counts.forEach((c, k) => {
      if (c !== 0) this.bins.set(h.offset + k, (this.bins.get(h.offset + k) ?? 0) + c * weight)
    })
    return this
  }

  /** Adds `count` observations to the bucket with index i. */
  addToBucket(i: number, count: number): this {
    this.bins.set(i, (this.bins.get(i) ?? 0) + count)
    return this
  }

  get empty(): boolean {
    return this.bins.size === 0
  }

  toHistogram(): Histogram {
    if (this.bins.size === 0) return { schema: this.schema, offset: 0, counts: [] }
    const keys = [...this.bins.keys()]
    const lo = Math.min(...keys)
    const hi = Math.max(...keys)
    const counts = new Array<number>(hi - lo + 1).fill(0)
    for (const [i, c] of this.bins) counts[i - lo] = c
    return { schema: this.schema, offset: lo, counts }
  }
}

export function mergeHistograms(hs: readonly Histogram[]): Histogram | null {
  if (hs.length === 0) return null
  const sum = new HistogramSum(hs[0].schema)
  for (const h of hs) sum.add(h)
  return sum.toHistogram()
}

/**
 * The q-quantile (0 < q < 1) of a histogram, interpolated log-linearly inside the bucket that holds
 * rank q × total (the buckets are exponential, so this is linear in the bucket's own scale).
 * Null when the histogram holds no observations.
 */
export function histogramQuantile(h: Histogram, q: number): number | null {
  const total = histogramTotal(h)
  if (!(total > 0)) return null
  const rank = Math.min(Math.max(q, 0), 1) * total
  let cum = 0
  let last = -1
  for (let k = 0; k < h.counts.length; k++) {
    const c = h.counts[k]
    if (c <= 0) continue
    last = k
    if (cum + c >= rank) {
      const i = h.offset + k
      const lo = bucketLower(i, h.schema)
      const hi = bucketUpper(i, h.schema)
      const f = Math.min(Math.max((rank - cum) / c, 0), 1)
      return lo * (hi / lo) ** f
    }
    cum += c
  }
  return last >= 0 ? bucketUpper(h.offset + last, h.schema) : null
}
