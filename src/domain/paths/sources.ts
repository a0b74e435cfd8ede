/**
 * Traffic sources of a service: which entries its load comes from, by which path, with estimated
 * real rates. Each sampled trace that reaches the service is reduced to the calls that arrive at
 * it (its nodes, as the path tree names them, whose caller is another service), keyed by the path
 * from the trace's entry; the totals are estimated with each trace weighted by its inclusion
 * probability and its time stratum's expansion (the estimators of moments.ts). Pure; runs in a
 * worker. See docs/paths.md, "Traffic sources".
 */
import type { SampleDesign } from '../error-chain/estimate'
import type { SamplingMode, Trace } from '../model'
import { buildTraceTree } from '../trace/tree'
import { digestPathTrace, KEY_SEP, nodeName } from './digest'
import type { Exclusion } from './digest'
import { cross, moments, prepareSample, ratio, total } from './moments'
import type { Estimate } from './moments'

export interface SourceTarget {
  service: string
  /** only the calls of this operation of the service (all its operations when undefined) */
  operation?: string
}

/** Calls arriving at the target in one trace by one path. */
export interface Arrival {
  /** the path node's key: from the entry down to the target's node */
  path: string
  /** `service::operation` of the trace's entry */
  entry: string
  /** the calling service (null when the target is the entry itself) */
  caller: string | null
  operation: string
  /** reached through async work (a message consumer) */
  async: boolean
  calls: number
  errors: number
  /** a span of this arrival (for the link to it) */
  spanId: string
}

export interface SourceDigest {
  traceId: string
  /** µs since epoch */
  startTime: number
  stratum: number
  mode: SamplingMode
  rate: number
  rateKnown: boolean
  excluded: Exclusion | null
  arrivals: Arrival[]
  skewedSpans: number
}

/**
 * The trace's entry is its root span (the first root that is a span of its own, a server or
 * consumer span: the request as it arrived). A call arrives at the target when its path node is
 * the target's and the node above is another service's (or there is none: the target is the
 * entry); the target's own nested spans are its work, not more calls to it.
 */
export function digestSources(trace: Trace, target: SourceTarget): SourceDigest {
  const tree = buildTraceTree(trace)
  const root = tree.roots.map((r) => tree.nodes[r]).find((n) => n?.span && n.kind !== 'missing-parent')
  const span = root?.span
  const base = { traceId: trace.traceId, startTime: tree.start, stratum: -1, skewedSpans: tree.skewAdjustedCount, arrivals: [] as Arrival[] }
  if (!span || span.kind === 'client' || span.kind === 'producer') {
    return { ...base, mode: trace.sampling.mode, rate: 1, rateKnown: trace.sampling.rateKnown !== false, excluded: 'no-entry' }
  }
  const d = digestPathTrace(trace, { service: span.service, operation: span.name })
  const out: SourceDigest = { ...base, startTime: d.startTime, mode: d.mode, rate: d.rate, rateKnown: d.rateKnown, excluded: d.excluded, skewedSpans: d.skewedSpans }
  if (d.excluded) return out
  const serviceOf = new Map(d.nodes.map((n) => [n.key, n.service]))
  const entry = nodeName(span.service, span.name)
  for (const n of d.nodes) {
    if (n.service !== target.service) continue
    if (target.operation !== undefined && n.operation !== target.operation) continue
    const caller = n.parent === null ? null : (serviceOf.get(n.parent) ?? null)
    if (caller === target.service) continue
    out.arrivals.push({ path: n.key, entry, caller, operation: n.operation, async: n.async, calls: n.calls, errors: n.errors, spanId: n.spanId })
  }
  return out
}

export interface SourceRow {
  /** the group's key (a path, an entry, a caller service or an operation) */
  key: string
  /** estimated real calls per second arriving by this group (null when the rates are unknown) */
  rps: Estimate | null
  /** estimated calls in the window */
  calls: Estimate
  /** share of all calls arriving at the target (ratio estimator) */
  share: Estimate
  /** spans observed, and the traces that have them */
  spans: number
  traces: number
  /** failed calls / calls (weighted) */
  errorRate: number
  /** an example span */
  example: { traceId: string; spanId: string }
}

export interface PathSourceRow extends SourceRow {
  entry: string
  caller: string | null
  operation: string
  async: boolean
  /** `service::operation` levels from the entry to the target */
  levels: string[]
}

export interface SourcesAggregate {
  target: SourceTarget
  from: number
  to: number
  /** every call arriving at the target */
  all: SourceRow
  /** by the trace's entry, largest first */
  entries: SourceRow[]
  /** by the whole path from the entry, largest first */
  paths: PathSourceRow[]
  /** by calling service (key '' when the target is the entry), largest first */
  callers: SourceRow[]
  /** by the target's operation, largest first */
  operations: SourceRow[]
  analysed: number
  used: number
  /** used traces in which no call arrives at the target (it was matched by another span of the trace, e.g. an internal one) */
  without: number
  excluded: Record<Exclusion, number>
  ratesKnown: boolean
  skewedSpans: number
  modes: Record<string, number>
}

export function aggregateSources(digests: readonly SourceDigest[], design: SampleDesign, window: { from: number; to: number }, target: SourceTarget): SourcesAggregate {
  const { excluded, used, frame, ratesKnown, seconds } = prepareSample(digests, design, window)
  const modes: Record<string, number> = {}
  let skewedSpans = 0
  let without = 0
  const allCalls = new Float64Array(used.length)

  interface Acc {
    calls: Map<number, number>
    errors: Map<number, number>
    spans: number
    example: { traceId: string; spanId: string }
  }
  const groups = { path: new Map<string, Acc>(), entry: new Map<string, Acc>(), caller: new Map<string, Acc>(), operation: new Map<string, Acc>() }
  const pathInfo = new Map<string, Arrival>()
  const add = (m: Map<string, Acc>, key: string, i: number, a: Arrival, traceId: string) => {
    let g = m.get(key)
    if (!g) {
      g = { calls: new Map(), errors: new Map(), spans: 0, example: { traceId, spanId: a.spanId } }
      m.set(key, g)
    }
    g.calls.set(i, (g.calls.get(i) ?? 0) + a.calls)
    if (a.errors > 0) g.errors.set(i, (g.errors.get(i) ?? 0) + a.errors)
    g.spans += a.calls
  }
  const all: Acc = { calls: new Map(), errors: new Map(), spans: 0, example: { traceId: '', spanId: '' } }
  used.forEach((d, i) => {
    modes[d.mode] = (modes[d.mode] ?? 0) + 1
    skewedSpans += d.skewedSpans
    if (d.arrivals.length === 0) without += 1
    for (const a of d.arrivals) {
      if (!pathInfo.has(a.path)) pathInfo.set(a.path, a)
      add(groups.path, a.path, i, a, d.traceId)
      add(groups.entry, a.entry, i, a, d.traceId)
      add(groups.caller, a.caller ?? '', i, a, d.traceId)
      add(groups.operation, a.operation, i, a, d.traceId)
      all.calls.set(i, (all.calls.get(i) ?? 0) + a.calls)
      if (a.errors > 0) all.errors.set(i, (all.errors.get(i) ?? 0) + a.errors)
      all.spans += a.calls
      if (all.example.traceId === '') all.example = { traceId: d.traceId, spanId: a.spanId }
      allCalls[i] = (allCalls[i] ?? 0) + a.calls
    }
  })
  const allM = moments(frame, all.calls)
  const rowOf = (key: string, g: Acc): SourceRow => {
    const m = moments(frame, g.calls)
    const calls = total(frame, m)
    const errors = total(frame, moments(frame, g.errors)).value
    const share = ratio(frame, m, allM, cross(frame, [...g.calls].map(([i, y]) => [i, y, allCalls[i] ?? 0] as const)))
    return {
      key,
      rps: ratesKnown ? { value: calls.value / seconds, se: calls.se / seconds, n: calls.n } : null,
      calls,
      share,
      spans: g.spans,
      traces: m.n,
      errorRate: calls.value > 0 ? errors / calls.value : 0,
      example: g.example,
    }
  }
  const rows = (m: Map<string, Acc>): SourceRow[] => [...m].map(([k, g]) => rowOf(k, g)).sort((a, b) => b.calls.value - a.calls.value || (a.key < b.key ? -1 : 1))
  const paths: PathSourceRow[] = rows(groups.path).map((r) => {
    const a = pathInfo.get(r.key) as Arrival
    return { ...r, entry: a.entry, caller: a.caller, operation: a.operation, async: a.async, levels: r.key.split(KEY_SEP) }
  })
  return {
    target,
    from: window.from,
    to: window.to,
    all: rowOf('', all),
    entries: rows(groups.entry),
    paths,
    callers: rows(groups.caller),
    operations: rows(groups.operation),
    analysed: digests.length,
    used: used.length,
    without,
    excluded,
    ratesKnown,
    skewedSpans,
    modes,
  }
}

export interface SourcesFlowNode {
  id: string
  /** the entry (`service::operation`), an intermediate service, or the target's operation */
  label: string
  service: string
  depth: number
  kind: 'entry' | 'via' | 'target'
}

export interface SourcesFlowLink {
  source: string
  target: string
  /** estimated calls/s (calls in the window when the rates are unknown) arriving at the target along it */
  value: number
}

/**
 * The paths as a flow for a Sankey drawing: entries on the left, the services the calls pass
 * through by their level in the path, the target's operations on the right (every path ends there,
 * whatever its length). Every path is drawn; widths are the calls arriving by it.
 */
export function sourcesFlow(agg: SourcesAggregate): { nodes: SourcesFlowNode[]; links: SourcesFlowLink[]; unit: 'rps' | 'calls' } {
  const unit = agg.ratesKnown ? 'rps' : 'calls'
  const maxDepth = Math.max(1, ...agg.paths.map((p) => p.levels.length - 1))
  const nodes = new Map<string, SourcesFlowNode>()
  const links = new Map<string, SourcesFlowLink>()
  const split = (level: string) => {
    const k = level.indexOf('::')
    return { service: k < 0 ? level : level.slice(0, k), operation: k < 0 ? '' : level.slice(k + 2) }
  }
  for (const p of agg.paths) {
    const value = unit === 'rps' ? (p.rps?.value ?? 0) : p.calls.value
    if (!(value > 0)) continue
    const ids: string[] = []
    p.levels.forEach((level, d) => {
      const last = d === p.levels.length - 1
      const { service, operation } = split(level)
      // the target itself is the entry: one node on the right
      const kind: SourcesFlowNode['kind'] = last ? 'target' : d === 0 ? 'entry' : 'via'
      const id = kind === 'target' ? `target|${operation}` : kind === 'entry' ? `entry|${level}` : `${d}|${service}`
      if (!nodes.has(id)) nodes.set(id, { id, label: kind === 'via' ? service : kind === 'target' ? `${service} ${operation}` : `${service} ${operation}`, service, depth: kind === 'target' ? maxDepth : d, kind })
      ids.push(id)
    })
    for (let k = 1; k < ids.length; k++) {
      const key = `${ids[k - 1]}→${ids[k]}`
      const l = links.get(key) ?? { source: ids[k - 1] as string, target: ids[k] as string, value: 0 }
      l.value += value
      links.set(key, l)
    }
  }
  return { nodes: [...nodes.values()], links: [...links.values()], unit }
}
