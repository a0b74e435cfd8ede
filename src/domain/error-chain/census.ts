/**
 * The error traces stored for a window, listed stratum by stratum over the whole window, and the
 * error volume they estimate. Pure.
 *
 * A store keeps a sample of the real traces; each stored trace records its inclusion probability
 * p (`sampling.rate`). Listing every stored error trace of the window (summaries only, in time
 * strata, each stratum paged until complete) gives the Horvitz–Thompson estimate of the real
 * number of error traces, Σ 1/p, with variance Σ (1 − p) / p² (independent inclusion, as head and
 * PostTrace sampling are). When the listing budget runs out inside a stratum, that stratum's
 * listed part is scaled to its whole length and the estimate says so (`extrapolated`).
 */

/** A point estimate with its standard error and the number of traces it rests on. */
export interface Estimate {
  value: number
  /** standard error (same unit as value) */
  se: number
  /** traces the estimate rests on */
  n: number
  /**
   * a count over every error trace (computed by the backend), not an estimate: `se` is 0, and a
   * change between two such counts is judged against the Poisson variation of counts (√count)
   */
  exact?: boolean
}

export interface Stratum {
  /** ms since epoch */
  from: number
  to: number
}

/** What the listing needs from a trace summary. */
export interface ListedTrace {
  traceId: string
  /** µs since epoch */
  startTime: number
  /** inclusion probability in (0, 1] */
  rate: number
}

export interface StratumListing extends Stratum {
  traces: ListedTrace[]
  /**
   * ms: the listing covers [coveredFrom, to). Equal to `from` when every stored error trace of the
   * stratum was listed; later when the listing budget ran out while paging back in time.
   */
  coveredFrom: number
}

const MIN = 60_000

/** Strata of a window: one per 5 minutes, at least 3 and at most 24, equal in length. */
export function planStrata(w: Stratum): Stratum[] {
  const len = w.to - w.from
  if (len <= 0) return []
  const k = Math.max(3, Math.min(24, Math.round(len / (5 * MIN))))
  const out: Stratum[] = []
  for (let i = 0; i < k; i++) out.push({ from: w.from + Math.round((len * i) / k), to: w.from + Math.round((len * (i + 1)) / k) })
  return out
}

/** How much of the stratum its listing covers (1 when complete). */
export function coveredShare(l: StratumListing): number {
  const len = l.to - l.from
  if (len <= 0) return 1
  return Math.max(0, Math.min(1, (l.to - l.coveredFrom) / len))
}

/** Factor from the listed part of a stratum to the whole stratum (1 when complete). */
export function stratumScale(l: StratumListing): number {
  const share = coveredShare(l)
  if (share >= 1) return 1
  // an empty covered part cannot be scaled: the stratum counts as its listed traces only
  return share > 0 ? 1 / share : 1
}

export const isComplete = (l: StratumListing): boolean => l.coveredFrom <= l.from

/** Horvitz–Thompson estimate of the real error traces behind the listed ones. */
export function estimateTotal(listings: readonly StratumListing[]): Estimate {
  let value = 0
  let variance = 0
  let n = 0
  for (const l of listings) {
    const f = stratumScale(l)
    for (const t of l.traces) {
      const p = t.rate > 0 ? Math.min(1, t.rate) : 1
      value += f / p
      variance += (f * f * (1 - p)) / (p * p)
      n += 1
    }
  }
  return { value, se: Math.sqrt(variance), n }
}

/** The window covered by complete listings, as a share of the whole window (1 = all listed). */
export function listedShare(listings: readonly StratumListing[]): number {
  const total = listings.reduce((s, l) => s + (l.to - l.from), 0)
  if (total <= 0) return 1
  return listings.reduce((s, l) => s + (l.to - l.from) * coveredShare(l), 0) / total
}

/**
 * The analysis sample: `n` traces drawn from the listing, allocated to the strata in proportion
 * to their listed traces (at least two where a stratum has two, so each stratum's spread can be
 * measured), evenly spaced in time within each stratum. Returns the picks with their stratum.
 */
export function allocateSample<T extends ListedTrace>(strata: readonly { traces: readonly T[] }[], n: number): { trace: T; stratum: number }[] {
  const sizes = strata.map((s) => s.traces.length)
  const total = sizes.reduce((a, b) => a + b, 0)
  if (total === 0 || n <= 0) return []
  if (total <= n) return strata.flatMap((s, h) => sortByTime(s.traces).map((trace) => ({ trace, stratum: h })))
  // proportional allocation with a floor of min(2, N_h), largest remainders for the rest
  const alloc = sizes.map((size) => Math.min(size, 2))
  let left = n - alloc.reduce((a, b) => a + b, 0)
  if (left > 0) {
    const want = sizes.map((size, h) => Math.max(0, (size / total) * n - (alloc[h] ?? 0)))
    const whole = want.map((w, h) => Math.min(Math.floor(w), (sizes[h] ?? 0) - (alloc[h] ?? 0)))
    whole.forEach((w, h) => {
      alloc[h] = (alloc[h] ?? 0) + w
      left -= w
    })
    const order = want.map((w, h) => ({ h, r: w - Math.floor(w) })).sort((a, b) => b.r - a.r || a.h - b.h)
    while (left > 0) {
      let placed = false
      for (const { h } of order) {
        if (left <= 0) break
        if ((alloc[h] ?? 0) < (sizes[h] ?? 0)) {
          alloc[h] = (alloc[h] ?? 0) + 1
          left -= 1
          placed = true
        }
      }
      if (!placed) break
    }
  }
  const out: { trace: T; stratum: number }[] = []
  strata.forEach((s, h) => {
    const sorted = sortByTime(s.traces)
    const k = alloc[h] ?? 0
    const step = sorted.length / Math.max(1, k)
    for (let i = 0; i < k; i++) {
      const trace = sorted[Math.floor(i * step + step / 2)] ?? sorted[Math.floor(i * step)]
      if (trace) out.push({ trace, stratum: h })
    }
  })
  return out
}

function sortByTime<T extends ListedTrace>(traces: readonly T[]): T[] {
  return [...traces].sort((a, b) => a.startTime - b.startTime || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0))
}

/** 95 % interval half-width as a share of the value ("± 4 %"); null when the value is 0. */
export function relativeMargin(e: Pick<Estimate, 'value' | 'se'>): number | null {
  return e.value > 0 ? (1.96 * e.se) / e.value : null
}

/** z score of the difference of two independent estimates (0 when both are exact and equal). */
export function changeZ(a: Pick<Estimate, 'value' | 'se' | 'exact'>, b: Pick<Estimate, 'value' | 'se' | 'exact'>): number {
  const spread = (e: Pick<Estimate, 'value' | 'se' | 'exact'>) => (e.exact ? Math.sqrt(Math.max(0, e.value)) : e.se)
  const se = Math.hypot(spread(a), spread(b))
  if (se === 0) return a.value === b.value ? 0 : Math.sign(a.value - b.value) * Infinity
  return (a.value - b.value) / se
}
