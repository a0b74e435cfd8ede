/**
 * Aggregation of error chains over a sample of traces, compared with the same window yesterday.
 * Pure. All volumes are ESTIMATES:
 *   estimated = Σ over the chain's traces of 1 / sampling rate, × coverage scale,
 * where the coverage scale (matched error traces / traces analysed, ≥ 1) corrects for the sample
 * being a part of the window's stored error traces. A chain is counted once per trace.
 */
import { rankTagDifferences } from '../compare/tag-diff'
import type { TagDiff } from '../compare/tag-diff'
import type { Attrs, ChainDigest, TraceDigest } from './digest'
import type { ChainGap, ChainStop } from './types'

export type ChainTrend = 'new' | 'up' | 'down' | 'same' | 'gone'

export interface SampleInfo {
  /** error traces the search matched in the window (a lower bound when `truncated`) */
  matched: number
  truncated: boolean
}

export interface ChainExample {
  traceId: string
  chainId: string
  postTrace: boolean
  missingSegments: number
}

export interface ChainGroup {
  signature: string
  hops: ChainDigest['hops']
  originService: string
  originOperation: string
  endService: string
  endOperation: string
  reachedEntry: boolean
  stop: ChainStop
  /** traces of the sample carrying this chain */
  count: number
  /** count / traces analysed */
  share: number
  estimated: number
  baselineCount: number
  baselineEstimated: number
  trend: ChainTrend
  /** ms; null when only seen yesterday */
  firstSeen: number | null
  lastSeen: number | null
  postTraceCount: number
  /** which segments were missing, and in how many of its traces */
  gaps: { detail: string; kind: ChainGap['kind']; count: number }[]
  examples: ChainExample[]
  hints: TagDiff[]
}

export interface ChainAggregate {
  groups: ChainGroup[]
  analysed: number
  baselineAnalysed: number
  /** analysed / matched (≤ 1) */
  coverage: number
  baselineCoverage: number
  totalEstimated: number
  baselineTotalEstimated: number
}

/** up / down when the estimate moved by at least this factor (and by ≥ 2 traces of the sample) */
export const TREND_FACTOR = 1.5
const MAX_EXAMPLES = 5
/** a hint needs at least this many traces of the chain behind it */
const MIN_HINT_TRACES = 3

export function coverageScale(analysed: number, info: SampleInfo): number {
  if (analysed <= 0) return 1
  return Math.max(1, info.matched / analysed)
}

export function trendOf(count: number, estimated: number, baselineCount: number, baselineEstimated: number): ChainTrend {
  if (count === 0) return baselineCount > 0 ? 'gone' : 'same'
  if (baselineCount === 0) return 'new'
  if (Math.abs(count - baselineCount) < 2) return 'same'
  if (estimated >= baselineEstimated * TREND_FACTOR) return 'up'
  if (estimated * TREND_FACTOR <= baselineEstimated) return 'down'
  return 'same'
}

interface Acc {
  first: ChainDigest
  count: number
  weight: number
  minTime: number
  maxTime: number
  postTrace: number
  gaps: Map<string, { detail: string; kind: ChainGap['kind']; count: number }>
  examples: ChainExample[]
  /** every trace of the chain, for picking the examples */
  candidates: { time: number; example: ChainExample }[]
  attrs: Attrs[]
  attrsService: string
}

function accumulate(digests: readonly TraceDigest[]): Map<string, Acc> {
  const out = new Map<string, Acc>()
  for (const d of digests) {
    const done = new Set<string>()
    for (const c of d.chains) {
      if (done.has(c.signature)) continue
      done.add(c.signature)
      let a = out.get(c.signature)
      if (!a) {
        a = { first: c, count: 0, weight: 0, minTime: Infinity, maxTime: -Infinity, postTrace: 0, gaps: new Map(), examples: [], candidates: [], attrs: [], attrsService: c.attrsService }
        out.set(c.signature, a)
      }
      a.count += 1
      a.weight += d.weight
      a.minTime = Math.min(a.minTime, c.time)
      a.maxTime = Math.max(a.maxTime, c.time)
      if (d.postTrace) a.postTrace += 1
      for (const g of c.gaps) {
        const key = `${g.kind}\u0000${g.detail}`
        const e = a.gaps.get(key)
        if (e) e.count += 1
        else a.gaps.set(key, { detail: g.detail, kind: g.kind, count: 1 })
      }
      a.candidates.push({ time: c.time, example: { traceId: d.traceId, chainId: c.chainId, postTrace: d.postTrace, missingSegments: c.gaps.length } })
      a.attrs.push(c.attrs)
    }
  }
  // the examples are the chain's earliest traces, whatever order the traces were analysed in
  for (const a of out.values()) {
    a.candidates.sort((x, y) => x.time - y.time || (x.example.traceId < y.example.traceId ? -1 : x.example.traceId > y.example.traceId ? 1 : 0))
    a.examples = a.candidates.slice(0, MAX_EXAMPLES).map((x) => x.example)
    a.candidates = []
  }
  return out
}

function okAttrsOf(digests: readonly TraceDigest[], service: string): Attrs[] {
  const out: Attrs[] = []
  for (const d of digests) for (const a of d.okAttrs[service] ?? []) out.push(a)
  return out
}

export interface AggregateOptions {
  /** only chains whose origin is this service */
  origin?: string
}

/** Groups chains by signature and compares them with the baseline (same window yesterday). */
export function aggregateChains(
  current: readonly TraceDigest[],
  baseline: readonly TraceDigest[],
  currentInfo: SampleInfo,
  baselineInfo: SampleInfo,
  opts: AggregateOptions = {},
): ChainAggregate {
  const scale = coverageScale(current.length, currentInfo)
  const baseScale = coverageScale(baseline.length, baselineInfo)
  const cur = accumulate(current)
  const base = accumulate(baseline)
  const signatures = new Set([...cur.keys(), ...base.keys()])
  const groups: ChainGroup[] = []
  const allOk = [...current, ...baseline]
  for (const sig of signatures) {
    const a = cur.get(sig)
    const b = base.get(sig)
    const first = (a ?? b)?.first
    if (!first) continue
    const origin = first.hops[0]
    const end = first.hops[first.hops.length - 1]
    if (!origin || !end || (opts.origin && origin.service !== opts.origin)) continue
    const count = a?.count ?? 0
    const estimated = (a?.weight ?? 0) * scale
    const baselineCount = b?.count ?? 0
    const baselineEstimated = (b?.weight ?? 0) * baseScale
    const hintBase = a ? okAttrsOf(allOk, a.attrsService).concat(b?.attrs ?? []) : []
    groups.push({
      signature: sig,
      hops: first.hops,
      originService: origin.service,
      originOperation: origin.operation,
      endService: end.service,
      endOperation: end.operation,
      reachedEntry: first.reachedEntry,
      stop: first.stop,
      count,
      share: current.length ? count / current.length : 0,
      estimated,
      baselineCount,
      baselineEstimated,
      trend: trendOf(count, estimated, baselineCount, baselineEstimated),
      firstSeen: a ? a.minTime : null,
      lastSeen: a ? a.maxTime : null,
      postTraceCount: a?.postTrace ?? 0,
      gaps: a ? [...a.gaps.values()].sort((x, y) => y.count - x.count) : [],
      examples: a?.examples ?? [],
      hints: a && hintBase.length > 0 ? rankTagDifferences(a.attrs, hintBase, { minSelectionShare: 0.3, minLift: 0.2 }).filter((h) => h.selectionCount >= MIN_HINT_TRACES).slice(0, 3) : [],
    })
  }
  groups.sort((x, y) => y.estimated - x.estimated || y.baselineEstimated - x.baselineEstimated || x.signature.localeCompare(y.signature))
  return {
    groups,
    analysed: current.length,
    baselineAnalysed: baseline.length,
    coverage: currentInfo.matched > 0 ? Math.min(1, current.length / currentInfo.matched) : 1,
    baselineCoverage: baselineInfo.matched > 0 ? Math.min(1, baseline.length / baselineInfo.matched) : 1,
    totalEstimated: current.reduce((s, d) => s + d.weight, 0) * scale,
    baselineTotalEstimated: baseline.reduce((s, d) => s + d.weight, 0) * baseScale,
  }
}

/** Chains that grew most against the baseline first (entry from an error-rate spike or a node). */
export function byGrowth(groups: readonly ChainGroup[]): ChainGroup[] {
  return [...groups].sort((x, y) => y.estimated - y.baselineEstimated - (x.estimated - x.baselineEstimated) || x.signature.localeCompare(y.signature))
}
