/** What the entries the chains reach went through: their error rate over a window. Pure. */
import type { MetricResult } from '../model'

/** Mean of every non-null point of every series (e.g. a window's error rate); null without data. */
export function meanOfSeries(r: MetricResult | undefined): number | null {
  if (!r) return null
  let sum = 0
  let n = 0
  for (const s of r.series) {
    for (const [, v] of s.points) {
      if (v === null || !Number.isFinite(v)) continue
      sum += v
      n += 1
    }
  }
  return n > 0 ? sum / n : null
}
