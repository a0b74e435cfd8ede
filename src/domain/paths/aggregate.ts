/**
 * The path tree of an entry over a window: the digests of the analysed traces merged node by
 * node, every figure estimated with each trace weighted by its inclusion probability and its time
 * stratum's expansion (see docs/paths.md). Pure; runs in a worker.
 */
import type { SampleDesign } from '../error-chain/estimate'
import type { Exclusion, PathDigest, PathEntry } from './digest'
import { cross, moments, prepareSample, ratio, total, weightedQuantiles, weightOf } from './moments'
import type { Estimate, Moments } from './moments'

export type { Estimate } from './moments'

export interface Quantiles {
  /** µs */
  p50: number
  p90: number
  p99: number
}

export interface SpanRef {
  traceId: string
  spanId: string
}

export interface PathNodeStats {
  key: string
  parent: string | null
  service: string
  operation: string
  depth: number
  /** reached through async work: not part of the entry's latency */
  async: boolean
  /** calls of this node per entry request */
  callsPerEntry: Estimate
  /** estimated real calls per second over the window (null when the traces' sampling rates are unknown) */
  rps: Estimate | null
  /** spans observed in the analysed traces, and the traces that have it */
  spans: number
  traces: number
  /** weighted quantiles of the spans' own durations and self times */
  duration: Quantiles
  self: Quantiles
  /** µs of the entry's latency spent here on the critical path, per entry request */
  criticalPerEntry: Estimate
  /** criticalPerEntry / the entry's mean latency (0–1) */
  criticalShare: number
  /** failed calls / calls */
  errorRate: Estimate
  errors: number
  /** a span of this node (the first analysed trace that has it) */
  example: SpanRef
  /** child keys, most calls per entry first */
  children: string[]
}

/** Calls arriving at a service (or one of its operations) on behalf of the entry, over every place in the path. */
export interface ArrivalStats {
  service: string
  /** null for the service as a whole */
  operation: string | null
  callsPerEntry: Estimate
  /** estimated real calls per second (null when the rates are unknown) */
  rps: Estimate | null
}

export interface PathAggregate {
  entry: PathEntry
  /**
   * per service and per service + operation: the calls that arrive at it from another service (a
   * node whose parent node is another service's, or the entry), summed over its places in the path
   * trace by trace; largest first
   */
  arrivals: ArrivalStats[]
  /** ms since epoch */
  from: number
  to: number
  /** pre-order from the entry, siblings by calls per entry request */
  nodes: PathNodeStats[]
  /** real entry requests in the window, and per second (null when the rates are unknown) */
  requests: Estimate | null
  rps: Estimate | null
  /** the entry's mean latency (µs) and its quantiles over the entry spans */
  meanLatency: Estimate
  latency: Quantiles
  /** traces analysed, of which used (the rest excluded, by reason) */
  analysed: number
  used: number
  excluded: Record<Exclusion, number>
  /** false when some trace gave no sampling rate (it then counts for itself and no rate is estimated) */
  ratesKnown: boolean
  /** spans moved inside their parent for clock skew in the used traces */
  skewedSpans: number
  /** by sampling mode, the used traces */
  modes: Record<string, number>
}

const QS = [0.5, 0.9, 0.99] as const
const quant = (v: number[]): Quantiles => ({ p50: v[0] ?? NaN, p90: v[1] ?? NaN, p99: v[2] ?? NaN })

interface NodeAcc {
  key: string
  parent: string | null
  service: string
  operation: string
  depth: number
  async: boolean
  /** [digest index, value] */
  calls: [number, number][]
  errors: [number, number][]
  critical: [number, number][]
  durations: number[]
  selfs: number[]
  weights: number[]
  example: SpanRef
}

export function aggregatePaths(digests: readonly PathDigest[], design: SampleDesign, window: { from: number; to: number }, entry: PathEntry): PathAggregate {
  const { excluded, used, frame, ratesKnown, seconds } = prepareSample(digests, design, window)
  const modes: Record<string, number> = {}
  let skewedSpans = 0

  const entriesM = moments(frame, used.map((d, i) => [i, d.entries] as const))
  const durM = moments(frame, used.map((d, i) => [i, d.entryDuration] as const))
  const entryCross = (items: [number, number][]) => cross(frame, items.map(([i, y]) => [i, y, used[i]?.entries ?? 0] as const))
  const meanLatency = ratio(frame, durM, entriesM, entryCross(used.map((d, i) => [i, d.entryDuration])))
  const requests = total(frame, entriesM)

  const accs = new Map<string, NodeAcc>()
  const entryDur: number[] = []
  const entryW: number[] = []
  // calls arriving at each service (and service + operation), trace by trace: [trace index, calls]
  interface ArrivalAcc {
    service: string
    operation: string | null
    calls: [number, number][]
  }
  const arrivalBy = new Map<string, { all: ArrivalAcc; ops: Map<string, ArrivalAcc> }>()
  const arrive = (a: ArrivalAcc, i: number, calls: number) => {
    const last = a.calls[a.calls.length - 1]
    if (last && last[0] === i) last[1] += calls
    else a.calls.push([i, calls])
  }
  used.forEach((d, i) => {
    for (const o of d.nodes) {
      if (o.calls === 0 || !o.arrival) continue
      let g = arrivalBy.get(o.service)
      if (!g) arrivalBy.set(o.service, (g = { all: { service: o.service, operation: null, calls: [] }, ops: new Map() }))
      let op = g.ops.get(o.operation)
      if (!op) g.ops.set(o.operation, (op = { service: o.service, operation: o.operation, calls: [] }))
      arrive(g.all, i, o.calls)
      arrive(op, i, o.calls)
    }
    modes[d.mode] = (modes[d.mode] ?? 0) + 1
    skewedSpans += d.skewedSpans
    const w = weightOf(frame, i)
    for (const o of d.nodes) {
      let a = accs.get(o.key)
      if (!a) {
        a = { key: o.key, parent: o.parent, service: o.service, operation: o.operation, depth: o.depth, async: o.async, calls: [], errors: [], critical: [], durations: [], selfs: [], weights: [], example: { traceId: d.traceId, spanId: o.spanId } }
        accs.set(o.key, a)
      }
      if (o.calls > 0) a.calls.push([i, o.calls])
      if (o.errors > 0) a.errors.push([i, o.errors])
      if (o.critical > 0) a.critical.push([i, o.critical])
      for (let k = 0; k < o.durations.length; k++) {
        a.durations.push(o.durations[k] ?? 0)
        a.selfs.push(o.self[k] ?? 0)
        a.weights.push(w)
      }
      if (o.parent === null) for (const v of o.durations) {
        entryDur.push(v)
        entryW.push(w)
      }
    }
  })

  const perEntry = (items: [number, number][]): Estimate => ratio(frame, moments(frame, items), entriesM, entryCross(items))
  const stats = new Map<string, PathNodeStats>()
  for (const a of accs.values()) {
    const callsM = moments(frame, a.calls)
    const callsTotal = total(frame, callsM)
    const errorsM: Moments = moments(frame, a.errors)
    const callOf = new Map(a.calls)
    const errorRate = ratio(frame, errorsM, callsM, cross(frame, a.errors.map(([i, e]) => [i, e, callOf.get(i) ?? 0] as const)))
    const criticalPerEntry = perEntry(a.critical)
    const w = Float64Array.from(a.weights)
    stats.set(a.key, {
      key: a.key,
      parent: a.parent,
      service: a.service,
      operation: a.operation,
      depth: a.depth,
      async: a.async,
      callsPerEntry: perEntry(a.calls),
      rps: ratesKnown ? { value: callsTotal.value / seconds, se: callsTotal.se / seconds, n: callsTotal.n } : null,
      spans: a.durations.length,
      traces: callsM.n,
      duration: quant(weightedQuantiles(Float64Array.from(a.durations), w, QS)),
      self: quant(weightedQuantiles(Float64Array.from(a.selfs), w, QS)),
      criticalPerEntry,
      criticalShare: meanLatency.value > 0 ? criticalPerEntry.value / meanLatency.value : 0,
      errorRate,
      errors: a.errors.reduce((s, [, e]) => s + e, 0),
      example: a.example,
      children: [],
    })
  }
  for (const s of stats.values()) if (s.parent !== null) stats.get(s.parent)?.children.push(s.key)
  const byCalls = (x: string, y: string) => (stats.get(y)?.callsPerEntry.value ?? 0) - (stats.get(x)?.callsPerEntry.value ?? 0) || (x < y ? -1 : 1)
  for (const s of stats.values()) s.children.sort(byCalls)
  const nodes: PathNodeStats[] = []
  const roots = [...stats.values()].filter((s) => s.parent === null).map((s) => s.key).sort(byCalls)
  const stack = [...roots].reverse()
  while (stack.length) {
    const s = stats.get(stack.pop() as string)
    if (!s) continue
    nodes.push(s)
    for (let k = s.children.length - 1; k >= 0; k--) stack.push(s.children[k] as string)
  }

  const arrivals: ArrivalStats[] = [...arrivalBy.values()].flatMap((g) => [g.all, ...g.ops.values()]).map((a) => {
    const items = a.calls
    const t = total(frame, moments(frame, items))
    return { service: a.service, operation: a.operation, callsPerEntry: perEntry(items), rps: ratesKnown ? { value: t.value / seconds, se: t.se / seconds, n: t.n } : null }
  })
  arrivals.sort((x, y) => y.callsPerEntry.value - x.callsPerEntry.value || (x.service < y.service ? -1 : 1))

  return {
    entry,
    arrivals,
    from: window.from,
    to: window.to,
    nodes,
    requests: ratesKnown ? requests : null,
    rps: ratesKnown ? { value: requests.value / seconds, se: requests.se / seconds, n: requests.n } : null,
    meanLatency,
    latency: quant(weightedQuantiles(Float64Array.from(entryDur), Float64Array.from(entryW), QS)),
    analysed: digests.length,
    used: used.length,
    excluded,
    ratesKnown,
    skewedSpans,
    modes,
  }
}

