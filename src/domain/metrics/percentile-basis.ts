/**
 * What a latency series' percentiles rest on, so a chart can say it next to the number. Pure.
 * - `merged`: the quantile of the histogram merged over every call of the step (or window), with
 *   exponential buckets 4.4 % wide (the synthetic console API: never sampled, every call counted).
 * - `buckets`: Prometheus' `histogram_quantile` over classic buckets: linear interpolation inside
 *   one bucket, so only as precise as the bucket bounds.
 * - `tempo`: Tempo's TraceQL `quantile_over_time`: over the spans Tempo stored (sampled traces
 *   only), from its own coarse (power-of-two) histogram buckets.
 */
export const PERCENTILE_BASES = ['merged', 'buckets', 'tempo'] as const
export type PercentileBasis = (typeof PERCENTILE_BASES)[number]

export interface PercentileBasisNote {
  /** the value is an approximation beyond the histogram's own resolution: shown with "≈" */
  approximate: boolean
  /** a few words for beside the chart title */
  short: string
  /** the sentence for the hover and for screen readers */
  detail: string
}

export function percentileBasisNote(basis: PercentileBasis): PercentileBasisNote {
  switch (basis) {
    case 'merged':
      return {
        approximate: false,
        short: 'over every call (not sampled)',
        detail:
          'Each percentile is the quantile of the latency histogram merged over every call of the step (never sampled), with exponential buckets 4.4 % wide: within one bucket of the true quantile.',
      }
    case 'buckets':
      return {
        approximate: true,
        short: '≈ approximate: Prometheus buckets',
        detail:
          "Approximate: Prometheus' histogram_quantile interpolates linearly inside one histogram bucket, so each percentile is only as precise as the bucket bounds around it.",
      }
    case 'tempo':
      return {
        approximate: true,
        short: '≈ approximate: Tempo, sampled spans',
        detail:
          "Approximate: Tempo's TraceQL quantile_over_time is computed over the spans Tempo stored (sampled traces only) and from its coarse power-of-two histogram buckets.",
      }
  }
}

/** The basis of the charted latency results: the least precise one when sources differ; null when none says. */
export function basisOfResults(results: readonly { percentileBasis?: PercentileBasis }[]): PercentileBasis | null {
  let out: PercentileBasis | null = null
  for (const r of results) {
    const b = r.percentileBasis
    if (!b) continue
    if (out === null || (percentileBasisNote(b).approximate && !percentileBasisNote(out).approximate)) out = b
  }
  return out
}
