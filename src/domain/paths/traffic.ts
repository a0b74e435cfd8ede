/**
 * Traffic estimated from sampled traces beside the exact rate from never-sampled metrics. Pure.
 */
import type { MetricResult } from '../model'
import type { Estimate } from './moments'
import { ownValue } from '../../lib/records'

/**
 * The mean rate (per second) of a request-rate answer over the window: the series summed per
 * instant, averaged over the instants that have data (a DC that did not answer leaves its
 * instants out, as the metrics do). null when no instant has data.
 */
export function meanRate(r: MetricResult): number | null {
  const byT = new Map<number, number>()
  for (const s of r.series) for (const [t, v] of s.points) if (v !== null && Number.isFinite(v)) byT.set(t, (byT.get(t) ?? 0) + v)
  if (byT.size === 0) return null
  let sum = 0
  for (const v of byT.values()) sum += v
  return sum / byT.size
}

/**
 * The mean rate per value of a label (one series per value, e.g. grouped by `FromService`): each
 * series averaged over the instants with data, as meanRate. Series without data are left out.
 */
export function meanRateBy(r: MetricResult, label: string): Map<string, number> {
  const out = new Map<string, number>()
  const by = new Map<string, MetricResult['series']>()
  for (const s of r.series) {
    const v = ownValue(s.labels, label) ?? ''
    by.set(v, [...(by.get(v) ?? []), s])
  }
  for (const [v, series] of by) {
    const m = meanRate({ ...r, series })
    if (m !== null) out.set(v, m)
  }
  return out
}

export interface RateCheck {
  estimate: number
  exact: number
  /** (estimate − exact) / exact */
  difference: number
  /** |estimate − exact| / se: how many standard errors apart */
  z: number
  /** beyond the estimate's 95 % interval */
  beyond: boolean
}

export function checkRate(est: Estimate, exact: number): RateCheck {
  const diff = est.value - exact
  const z = est.se > 0 ? Math.abs(diff) / est.se : diff === 0 ? 0 : Infinity
  return { estimate: est.value, exact, difference: exact > 0 ? diff / exact : 0, z, beyond: z > 1.96 }
}

/** Why an estimate from traces may disagree with the metrics, from what the sample says about itself. */
export function disagreementReasons(facts: { modes: Record<string, number>; postTrace: number; partial: boolean; ratesKnown?: boolean }): string[] {
  const out: string[] = []
  if (facts.ratesKnown === false) out.push('the source gives no sampling rate for some traces: they count for themselves only')
  if ((facts.modes.adaptive ?? 0) > 0) out.push('adaptive sampling: the recorded rate follows the traffic minute by minute, and a burst inside a minute is under-weighted')
  if ((facts.modes.dyed ?? 0) > 0) out.push('dyed requests are always sampled and count once each; test traffic that the metrics do not see as real requests is included')
  if (facts.postTrace > 0) out.push('PostTrace captures are left out; a source that records them with the head rate instead of their inclusion probability would bias a count that used them')
  if (facts.partial) out.push('a DC did not answer part of the window: its traces are missing while the metrics average only what answered')
  out.push('by chance: a 95 % interval misses the truth one time in twenty')
  return out
}
