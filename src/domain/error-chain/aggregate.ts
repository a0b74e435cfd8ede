/**
 * Aggregation of error chains over a sample of traces, compared with the same window yesterday.
 * Pure. All volumes are ESTIMATES with a standard error (estimate.ts): each analysed trace stands
 * for N_h / (a_h · p) real traces of its time stratum h. A chain is counted once per trace.
 */
import { rankTagDifferences } from '../compare/tag-diff'
import type { TagDiff } from '../compare/tag-diff'
import { changeZ } from './census'
import type { Estimate } from './census'
import type { Attrs, ChainDigest, TraceDigest } from './digest'
import { expandEstimate } from './estimate'
import type { SampleDesign } from './estimate'
import type { ChainGap, ChainStop } from './types'

export type ChainTrend = 'new' | 'up' | 'down' | 'same' | 'gone'

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
  /** the entry reached is async work (a message consumer), not a request */
  asyncEntry: boolean
  stop: ChainStop
  /** traces of the sample carrying this chain */
  count: number
  /** count / traces analysed */
  share: number
  /** estimated real traces carrying the chain in the window (= estimate.value) */
  estimated: number
  estimate: Estimate
  baselineCount: number
  baselineEstimated: number
  baseline: Estimate
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

/** The traces whose chains reach one entry service, estimated in the window. */
export interface EntryEstimate {
  service: string
  current: Estimate
  chains: number
}

/** Estimates of the chains starting at one service, now and yesterday. */
export interface OriginEstimate {
  service: string
  current: Estimate
  baseline: Estimate
}

export interface ChainAggregate {
  groups: ChainGroup[]
  /** per origin service: the traces with a chain starting there (a trace counts once) */
  origins: OriginEstimate[]
  /**
   * per entry the chains reach (request or message entries): the traces with a chain that reached
   * it, each trace counted once however many of its chains did, most first; `chains` is how many
   * of the groups end there
   */
  entries: EntryEstimate[]
  analysed: number
  baselineAnalysed: number
  /** stored error traces listed in the window (the analysis sample was drawn from them) */
  listed: number
  baselineListed: number
  /** the window's real error traces (from the whole listing) */
  total: Estimate
  baselineTotal: Estimate
  totalEstimated: number
  baselineTotalEstimated: number
}

/** up / down when the estimate moved by at least this factor and the change is significant */
export const TREND_FACTOR = 1.5
/** |z| of the difference against yesterday from which a change counts as significant (≈ 95 %) */
export const SIGNIFICANT_Z = 2
const MAX_EXAMPLES = 5
/** a hint needs at least this many traces of the chain behind it */
const MIN_HINT_TRACES = 3

/**
 * new: not in yesterday's sample; gone: only yesterday; up / down: moved by ≥ TREND_FACTOR and
 * the difference is significant given both estimates' uncertainty; same otherwise.
 */
export function trendOf(cur: Estimate, base: Estimate): ChainTrend {
  if (cur.n === 0) return base.n > 0 ? 'gone' : 'same'
  if (base.n === 0) return 'new'
  const z = changeZ(cur, base)
  if (z >= SIGNIFICANT_Z && cur.value >= base.value * TREND_FACTOR) return 'up'
  if (z <= -SIGNIFICANT_Z && cur.value * TREND_FACTOR <= base.value) return 'down'
  return 'same'
}

interface Acc {
  first: ChainDigest
  count: number
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
        a = { first: c, count: 0, minTime: Infinity, maxTime: -Infinity, postTrace: 0, gaps: new Map(), examples: [], candidates: [], attrs: [], attrsService: c.attrsService }
        out.set(c.signature, a)
      }
      a.count += 1
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
const hasSignature = (sig: string) => (d: TraceDigest) => d.chains.some((c) => c.signature === sig)
const hasOrigin = (service: string) => (d: TraceDigest) => d.chains.some((c) => c.hops[0]?.service === service)
/** a chain of the trace reached entry `service` (and, with `origin`, started there) */
const reachesEntry = (service: string, origin: string | undefined) => (d: TraceDigest) =>
  d.chains.some((c) => c.reachedEntry && c.hops[c.hops.length - 1]?.service === service && (!origin || c.hops[0]?.service === origin))

export function aggregateChains(
  current: readonly TraceDigest[],
  baseline: readonly TraceDigest[],
  currentDesign: SampleDesign,
  baselineDesign: SampleDesign,
  opts: AggregateOptions = {},
): ChainAggregate {
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
    const estimate = a ? expandEstimate(current, currentDesign, hasSignature(sig)) : NONE
    const baselineCount = b?.count ?? 0
    const baselineEst = b ? expandEstimate(baseline, baselineDesign, hasSignature(sig)) : NONE
    const hintBase = a ? okAttrsOf(allOk, a.attrsService).concat(b?.attrs ?? []) : []
    groups.push({
      signature: sig,
      hops: first.hops,
      originService: origin.service,
      originOperation: origin.operation,
      endService: end.service,
      endOperation: end.operation,
      reachedEntry: first.reachedEntry,
      asyncEntry: first.asyncEntry,
      stop: first.stop,
      count,
      share: current.length ? count / current.length : 0,
      estimated: estimate.value,
      estimate,
      baselineCount,
      baselineEstimated: baselineEst.value,
      baseline: baselineEst,
      trend: trendOf(estimate, baselineEst),
      firstSeen: a ? a.minTime : null,
      lastSeen: a ? a.maxTime : null,
      postTraceCount: a?.postTrace ?? 0,
      gaps: a ? [...a.gaps.values()].sort((x, y) => y.count - x.count) : [],
      examples: a?.examples ?? [],
      hints: a && hintBase.length > 0 ? rankTagDifferences(a.attrs, hintBase, { minSelectionShare: 0.3, minLift: 0.2 }).filter((h) => h.selectionCount >= MIN_HINT_TRACES).slice(0, 3) : [],
    })
  }
  groups.sort((x, y) => y.estimated - x.estimated || y.baselineEstimated - x.baselineEstimated || x.signature.localeCompare(y.signature))
  const originServices = [...new Set(groups.map((g) => g.originService))].sort()
  const origins = originServices.map((service) => ({
    service,
    current: expandEstimate(current, currentDesign, hasOrigin(service)),
    baseline: expandEstimate(baseline, baselineDesign, hasOrigin(service)),
  }))
  const chainsAt = new Map<string, number>()
  for (const g of groups) if (g.reachedEntry && g.count > 0) chainsAt.set(g.endService, (chainsAt.get(g.endService) ?? 0) + 1)
  const entries = [...chainsAt]
    .map(([service, chains]) => ({ service, chains, current: expandEstimate(current, currentDesign, reachesEntry(service, opts.origin)) }))
    .sort((x, y) => y.current.value - x.current.value || x.service.localeCompare(y.service))
  // the listing's estimate when there is one, else the analysed traces themselves
  const total = currentDesign.strata.length > 0 ? currentDesign.total : expandEstimate(current, currentDesign, () => true)
  const baselineTotal = baselineDesign.strata.length > 0 ? baselineDesign.total : expandEstimate(baseline, baselineDesign, () => true)
  return {
    groups,
    origins,
    entries,
    analysed: current.length,
    baselineAnalysed: baseline.length,
    listed: currentDesign.listed,
    baselineListed: baselineDesign.listed,
    total,
    baselineTotal,
    totalEstimated: total.value,
    baselineTotalEstimated: baselineTotal.value,
  }
}

const NONE: Estimate = { value: 0, se: 0, n: 0 }

/** Chains that grew most against the baseline first (entry from an error-rate spike or a node). */
export function byGrowth(groups: readonly ChainGroup[]): ChainGroup[] {
  return [...groups].sort((x, y) => y.estimated - y.baselineEstimated - (x.estimated - x.baselineEstimated) || x.signature.localeCompare(y.signature))
}
