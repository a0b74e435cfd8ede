/**
 * What a topology element's latency percentiles rest on, so that no view shows a composed or
 * missing percentile as if it were the element's own.
 * - `merged`: the element's own quantile of its latency histogram merged over the whole window
 *   (the synthetic console API; the default when a source says nothing).
 * - `buckets`: `histogram_quantile` over a real Prometheus' classic buckets: linear interpolation
 *   inside one bucket, so only as accurate as the bucket bounds.
 * - `worst-member`: a collapsed group of a large graph: the highest percentile among its members,
 *   which bounds nothing about the group's own distribution and is labelled as such.
 * - `none`: the source reports no latency for this element (Jaeger's dependency links, a service
 *   without duration series).
 */
export type LatencyBasis = 'merged' | 'buckets' | 'worst-member' | 'none'

export interface WithLatency {
  p50: number
  p99: number
  latencyBasis?: LatencyBasis
}

export const basisOf = (x: { latencyBasis?: LatencyBasis }): LatencyBasis => x.latencyBasis ?? 'merged'

/** "12 ms / 40 ms", "≈ 12 ms / ≈ 40 ms", "worst member 12 ms / 40 ms" or "not reported". */
export function latencyPair(x: WithLatency, dur: (us: number) => string): string {
  switch (basisOf(x)) {
    case 'none':
      return 'not reported'
    case 'buckets':
      return `≈ ${dur(x.p50)} / ≈ ${dur(x.p99)}`
    case 'worst-member':
      return `worst member ${dur(x.p50)} / ${dur(x.p99)}`
    case 'merged':
      return `${dur(x.p50)} / ${dur(x.p99)}`
  }
}

/** The graph label's latency part, or '' when the source reports none. */
export function latencyLabel(x: WithLatency, dur: (us: number) => string): string {
  switch (basisOf(x)) {
    case 'none':
      return ''
    case 'buckets':
      return `p50 ≈ ${dur(x.p50)} · p99 ≈ ${dur(x.p99)}`
    case 'worst-member':
      return `worst p99 ${dur(x.p99)}`
    case 'merged':
      return `p50 ${dur(x.p50)} · p99 ${dur(x.p99)}`
  }
}

/** A sentence for panels saying how the figure was obtained (null when it is the element's own merged quantile). */
export function latencyNote(x: { latencyBasis?: LatencyBasis }): string | null {
  switch (basisOf(x)) {
    case 'none':
      return 'This data source reports no latency for this element.'
    case 'buckets':
      return "Approximate: Prometheus' histogram_quantile interpolates inside one histogram bucket, so the value is only as precise as the bucket bounds."
    case 'worst-member':
      return "Not this group's own percentiles: the highest p50 and p99 among its members. Expand the group for each member's own figures."
    case 'merged':
      return null
  }
}

/** The p99 a health or colour rule may judge, or null when it is not the element's own. */
export function ownP99(x: WithLatency): number | null {
  const b = basisOf(x)
  return b === 'merged' || b === 'buckets' ? x.p99 : null
}
