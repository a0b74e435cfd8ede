/**
 * Root-cause ranking of error origins by evidence. Pure.
 *
 * For each origin service, the estimated real traces with a chain starting there, now and in the
 * same window yesterday, each with its standard error (estimate.ts). Then:
 * - LOW EVIDENCE: fewer than MIN_SUPPORT traces of the sample start there. Shown apart, never
 *   ranked among causes (a "new" origin built from 3 traces says little).
 * - LIKELY CAUSES: the origin's errors rose significantly against yesterday: z ≥ SIGNIFICANT_Z
 *   (difference over the combined standard error) and at least TREND_FACTOR × yesterday's
 *   estimate. Ranked by the rise (estimate − yesterday's), larger first; ties by z.
 * - STEADY: the rest, by estimated volume: sources at yesterday's level (or falling).
 * When no origin rose significantly there is no clear cause, and the page says so first.
 * A change event (deploy, config, scale) of the origin service in the hour before its first error
 * counts as evidence only when the service's own error rate shifted after it (metrics, not the
 * sample: ≥ SHIFT_FACTOR × the rate before and ≥ SHIFT_MIN_POINTS higher). A change after which
 * the rate did not move (a routine autoscaler) is named as not explaining the errors.
 */
import type { ChangeEvent, MetricResult } from '../model'
import { SIGNIFICANT_Z, TREND_FACTOR, trendOf } from './aggregate'
import type { ChainGroup, ChainTrend, OriginEstimate } from './aggregate'
import { changeZ } from './census'
import { isolateText } from '../../lib/format'
import type { Estimate } from './census'

/** how far before its first error a change still counts as "shortly before" */
export const CHANGE_LOOKBACK_MS = 60 * 60_000
/** a change up to this long after the first sampled error still counts (sparse samples) */
const CHANGE_SLACK_MS = 2 * 60_000
/** traces of the sample an origin needs to be ranked among causes */
export const MIN_SUPPORT = 5
/** the service's error rate after a change must reach this multiple of the rate before … */
export const SHIFT_FACTOR = 1.5
/** … and be at least this much higher (0.2 percentage points) */
export const SHIFT_MIN_POINTS = 0.002
/** the error rate is compared over this long before and after the change */
export const SHIFT_SPAN_MS = 15 * 60_000

export interface LeadingChange {
  change: ChangeEvent
  /** ms from the change to the first error (negative when the change came just after) */
  leadMs: number
}

/** The latest change of `service` shortly before `firstSeen`, if any. */
export function leadingChange(changes: readonly ChangeEvent[], service: string, firstSeen: number | null): LeadingChange | null {
  if (firstSeen === null) return null
  let best: ChangeEvent | null = null
  for (const c of changes) {
    if (c.service !== service) continue
    if (c.time < firstSeen - CHANGE_LOOKBACK_MS || c.time > firstSeen + CHANGE_SLACK_MS) continue
    if (!best || c.time > best.time) best = c
  }
  return best ? { change: best, leadMs: firstSeen - best.time } : null
}

/** "deploy v2.14.0", "config push", "scale" */
export function describeChange(c: ChangeEvent): string {
  const what = c.kind === 'config' ? 'config change' : c.kind
  return c.version ? `${what} ${isolateText(c.version)}` : what
}

export function describeLead(leadMs: number): string {
  const min = Math.round(Math.abs(leadMs) / 60_000)
  if (min === 0) return 'just before the errors appeared'
  return leadMs >= 0 ? `${min} min before the errors appeared` : `${min} min after the first error`
}

/** The service's own error rate before and after a change, from its (never sampled) metrics. */
export interface RateShift {
  before: number
  after: number
  shifted: boolean
}

/**
 * Error rate over [at − span, at) against [at, at + span): errors / requests, each point weighted
 * by its request rate (a mean of ratios would let quiet minutes weigh as much as busy ones).
 * null when either side has no data.
 */
export function rateShift(errorRate: MetricResult, requestRate: MetricResult, at: number, span = SHIFT_SPAN_MS): RateShift | null {
  const reqAt = new Map<string, number>()
  requestRate.series.forEach((s, i) => {
    for (const [t, v] of s.points) if (v !== null && Number.isFinite(v)) reqAt.set(`${i}|${t}`, v)
  })
  const side = { before: { req: 0, err: 0 }, after: { req: 0, err: 0 } }
  errorRate.series.forEach((s, i) => {
    for (const [t, v] of s.points) {
      const req = reqAt.get(`${i}|${t}`)
      if (v === null || !Number.isFinite(v) || req === undefined) continue
      const bucket = t >= at - span && t < at ? side.before : t >= at && t < at + span ? side.after : null
      if (!bucket) continue
      bucket.req += req
      bucket.err += req * v
    }
  })
  if (side.before.req <= 0 || side.after.req <= 0) return null
  const before = side.before.err / side.before.req
  const after = side.after.err / side.after.req
  return { before, after, shifted: after >= before * SHIFT_FACTOR && after - before >= SHIFT_MIN_POINTS }
}

export type OriginClass = 'cause' | 'steady' | 'low-evidence'

export interface OriginRank {
  service: string
  operations: string[]
  signatures: string[]
  entries: string[]
  estimate: Estimate
  baseline: Estimate
  estimated: number
  baselineEstimated: number
  /** significance of the change against yesterday (difference / combined standard error) */
  z: number
  trend: ChainTrend
  firstSeen: number | null
  class: OriginClass
  /** a change before the errors after which the service's error rate shifted */
  change: LeadingChange | null
  /** a change before the errors after which the service's error rate did not shift */
  unrelatedChange: LeadingChange | null
  shift: RateShift | null
  evidence: string[]
}

export interface RootCauses {
  /** origins whose errors rose significantly, largest rise first */
  causes: OriginRank[]
  /** supported origins at (or below) yesterday's level, by volume */
  steady: OriginRank[]
  /** origins with fewer than MIN_SUPPORT traces in the sample */
  lowEvidence: OriginRank[]
}

const pct = (r: number) => `${r < 0.001 && r > 0 ? (r * 100).toFixed(2) : (r * 100).toFixed(1)} %`

/**
 * Ranks the origin services of the chains. `shiftOf` gives the service's error-rate shift around a
 * change (undefined while unknown: the change is then neither counted nor dismissed).
 */
export function rankOrigins(
  groups: readonly ChainGroup[],
  changes: readonly ChangeEvent[],
  originEstimates: readonly OriginEstimate[],
  shiftOf: (c: ChangeEvent) => RateShift | null | undefined = () => undefined,
): RootCauses {
  const live = groups.filter((g) => g.count > 0)
  const allEntries = new Set(live.filter((g) => g.reachedEntry).map((g) => g.endService))
  const out: OriginRank[] = []
  for (const est of originEstimates) {
    const gs = live.filter((g) => g.originService === est.service)
    if (gs.length === 0) continue
    const entries = [...new Set(gs.filter((g) => g.reachedEntry).map((g) => g.endService))].sort()
    const firstSeen = Math.min(...gs.map((g) => g.firstSeen ?? Infinity))
    const trend = trendOf(est.current, est.baseline)
    const z = changeZ(est.current, est.baseline)
    const support = est.current.n
    const rising = z >= SIGNIFICANT_Z && est.current.value >= est.baseline.value * TREND_FACTOR
    const cls: OriginClass = support < MIN_SUPPORT ? 'low-evidence' : rising ? 'cause' : 'steady'
    // the change that explains the chains that appeared or grew (old chains may predate it)
    const candidates = [...gs].sort((a, b) => Number(b.trend === 'new' || b.trend === 'up') - Number(a.trend === 'new' || a.trend === 'up') || b.estimated - a.estimated)
    let lead: LeadingChange | null = null
    for (const g of candidates) {
      lead = leadingChange(changes, est.service, g.firstSeen)
      if (lead) break
    }
    const shift = lead ? shiftOf(lead.change) ?? null : null
    const change = lead && shift?.shifted ? lead : null
    const unrelatedChange = lead && shift && !shift.shifted ? lead : null
    const evidence: string[] = []
    // counts over every trace vary by chance like any count (Poisson); estimates also by the sample
    const noise = est.current.exact ? 'chance variation of the counts' : 'the sampling noise'
    const where = est.current.exact ? 'in the window' : 'in the sample'
    if (cls === 'low-evidence') evidence.push(`only ${support} ${support === 1 ? 'trace' : 'traces'} ${where}: too few to rank (at least ${MIN_SUPPORT})`)
    else if (rising) evidence.push(est.baseline.n === 0 ? (z === Infinity ? 'new: none yesterday (both counts exact: every trace was kept)' : `new against yesterday, beyond ${noise} (z = ${z.toFixed(1)})`) : `rose against yesterday beyond ${noise} (z = ${z.toFixed(1)})`)
    else evidence.push(Math.abs(z) < SIGNIFICANT_Z ? `at yesterday’s level, within ${noise}` : z < 0 ? 'fewer than yesterday' : 'slightly more than yesterday')
    if (change && shift) evidence.push(`${describeChange(change.change)} ${describeLead(change.leadMs)}; ${isolateText(est.service)}’s error rate ${pct(shift.before)} → ${pct(shift.after)} after it`)
    if (unrelatedChange && shift) evidence.push(`${describeChange(unrelatedChange.change)} ${describeLead(unrelatedChange.leadMs)}, but ${isolateText(est.service)}’s error rate did not shift after it (${pct(shift.before)} → ${pct(shift.after)})`)
    if (entries.length > 0) evidence.push(`reaches ${entries.length} of ${allEntries.size} failing ${allEntries.size === 1 ? 'entry' : 'entries'}: ${entries.map(isolateText).join(', ')}`)
    else evidence.push('its errors stop before any entry')
    out.push({
      service: est.service,
      operations: [...new Set(gs.map((g) => g.originOperation))].sort(),
      signatures: gs.map((g) => g.signature),
      entries,
      estimate: est.current,
      baseline: est.baseline,
      estimated: est.current.value,
      baselineEstimated: est.baseline.value,
      z,
      trend,
      firstSeen: Number.isFinite(firstSeen) ? firstSeen : null,
      class: cls,
      change,
      unrelatedChange,
      shift,
      evidence,
    })
  }
  const rise = (o: OriginRank) => o.estimate.value - o.baseline.value
  const byName = (a: OriginRank, b: OriginRank) => a.service.localeCompare(b.service)
  return {
    causes: out.filter((o) => o.class === 'cause').sort((a, b) => rise(b) - rise(a) || b.z - a.z || byName(a, b)),
    steady: out.filter((o) => o.class === 'steady').sort((a, b) => b.estimated - a.estimated || byName(a, b)),
    lowEvidence: out.filter((o) => o.class === 'low-evidence').sort((a, b) => b.estimated - a.estimated || byName(a, b)),
  }
}
