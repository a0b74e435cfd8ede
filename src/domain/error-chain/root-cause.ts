/**
 * Root-cause ranking of error origins. Pure.
 *
 * Each origin service is scored from the chains it starts:
 *   score = 2 × (a state change at the origin shortly before its first error)
 *         + novelty against yesterday (new 1, up 0.6, same 0.2, down/gone 0), weighted by
 *           min(1, traces in the sample / 5) so a couple of stray new errors do not outrank
 *           a large old source
 *         + its share of the estimated error volume (0..1)
 *         + 0.5 × the share of the entries reached that it explains (0..1)
 * so a deploy or config push just before the errors ranks an origin above the symptoms, and
 * new errors rank above old ones. The evidence behind the score is listed in plain words.
 */
import type { ChangeEvent } from '../model'
import { trendOf } from './aggregate'
import type { ChainGroup, ChainTrend, OriginEstimate } from './aggregate'

/** how far before its first error a change still counts as "shortly before" */
export const CHANGE_LOOKBACK_MS = 60 * 60_000
/** a change up to this long after the first sampled error still counts (sparse samples) */
const CHANGE_SLACK_MS = 2 * 60_000

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
  return c.version ? `${what} ${c.version}` : what
}

export function describeLead(leadMs: number): string {
  const min = Math.round(Math.abs(leadMs) / 60_000)
  if (min === 0) return 'just before the errors appeared'
  return leadMs >= 0 ? `${min} min before the errors appeared` : `${min} min after the first error`
}

/** traces in the sample for novelty to count fully */
const NOVELTY_MIN_TRACES = 5

const isRising = (g: ChainGroup) => g.trend === 'new' || g.trend === 'up'

const NOVELTY: Record<ChainTrend, number> = { new: 1, up: 0.6, same: 0.2, down: 0, gone: 0 }

export interface OriginRank {
  service: string
  operations: string[]
  signatures: string[]
  entries: string[]
  estimated: number
  baselineEstimated: number
  trend: ChainTrend
  firstSeen: number | null
  change: LeadingChange | null
  score: number
  evidence: string[]
}

export function rankOrigins(groups: readonly ChainGroup[], changes: readonly ChangeEvent[], originEstimates: readonly OriginEstimate[]): OriginRank[] {
  const live = groups.filter((g) => g.count > 0)
  const total = live.reduce((s, g) => s + g.estimated, 0)
  const allEntries = new Set(live.filter((g) => g.reachedEntry).map((g) => g.endService))
  const byOrigin = new Map<string, ChainGroup[]>()
  for (const g of live) {
    const list = byOrigin.get(g.originService)
    if (list) list.push(g)
    else byOrigin.set(g.originService, [g])
  }
  const out: OriginRank[] = []
  for (const [service, gs] of byOrigin) {
    const est = originEstimates.find((o) => o.service === service)
    if (!est) continue
    const estimated = est.current.value
    const baselineEstimated = est.baseline.value
    const count = est.current.n
    const entries = [...new Set(gs.filter((g) => g.reachedEntry).map((g) => g.endService))].sort()
    const firstSeen = Math.min(...gs.map((g) => g.firstSeen ?? Infinity))
    const first = Number.isFinite(firstSeen) ? firstSeen : null
    const trend = trendOf(est.current, est.baseline)
    // the change that explains the chains that appeared or grew (old chains may predate it)
    const candidates = [...gs].sort((a, b) => Number(isRising(b)) - Number(isRising(a)) || b.estimated - a.estimated)
    let change: LeadingChange | null = null
    for (const g of candidates) {
      change = leadingChange(changes, service, g.firstSeen)
      if (change) break
    }
    const volumeShare = total > 0 ? estimated / total : 0
    const entryShare = allEntries.size > 0 ? entries.length / allEntries.size : 0
    const evidence: string[] = []
    if (change) evidence.push(`${describeChange(change.change)} ${describeLead(change.leadMs)}`)
    if (trend === 'new') evidence.push('new against the same window yesterday')
    else if (trend === 'up') evidence.push('more errors than the same window yesterday')
    evidence.push(`${volumeShare > 0 && volumeShare < 0.005 ? '< 1' : Math.round(volumeShare * 100)}% of the estimated error volume`)
    if (entries.length > 0) evidence.push(`reaches ${entries.length} of ${allEntries.size} failing ${allEntries.size === 1 ? 'entry' : 'entries'}: ${entries.join(', ')}`)
    else evidence.push('its errors stop before any entry')
    out.push({
      service,
      operations: [...new Set(gs.map((g) => g.originOperation))].sort(),
      signatures: gs.map((g) => g.signature),
      entries,
      estimated,
      baselineEstimated,
      trend,
      firstSeen: first,
      change,
      score: (change ? 2 : 0) + NOVELTY[trend] * Math.min(1, count / NOVELTY_MIN_TRACES) + volumeShare + 0.5 * entryShare,
      evidence,
    })
  }
  return out.sort((a, b) => b.score - a.score || b.estimated - a.estimated || a.service.localeCompare(b.service))
}
