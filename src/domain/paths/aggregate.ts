/**
 * The path tree of an entry over a window: the digests of the analysed traces merged node by
 * node, every figure estimated with each trace weighted by its inclusion probability and its time
 * stratum's expansion (see docs/paths.md). Pure; runs in a worker.
 */
import type { SampleDesign } from '../error-chain/estimate'
import type { Exclusion, PathDigest, PathEntry } from './digest'
import { crossOf, momentsOf, prepareSample, ratio, total, weightedQuantiles, weightOf } from './moments'
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

/** Per-trace values kept as parallel columns (trace index, value), traces in increasing order. */
interface Column {
  idx: number[]
  val: number[]
}
const column = (): Column => ({ idx: [], val: [] })

/** A growing column of doubles (no boxed numbers, no copy when read). */
class Doubles {
  private data = new Float64Array(16)
  length = 0
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = v
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length)
  }
}

/** Calls arriving at a service (or one of its operations) trace by trace. */
interface ArrivalAcc {
  service: string
  operation: string | null
  calls: Column
}

interface NodeAcc {
  key: string
  parent: string | null
  service: string
  operation: string
  depth: number
  async: boolean
  calls: Column
  errors: Column
  critical: Column
  /** one per span: its duration, self time and its trace's weight */
  durations: Doubles
  selfs: Doubles
  weights: Doubles
  example: SpanRef
  /** the arrival totals this node's calls add to (its service, its service + operation), once known */
  arrivals: [ArrivalAcc, ArrivalAcc] | null
}

export function aggregatePaths(digests: readonly PathDigest[], design: SampleDesign, window: { from: number; to: number }, entry: PathEntry): PathAggregate {
  const { excluded, used, frame, ratesKnown, seconds } = prepareSample(digests, design, window)
  const modes: Record<string, number> = {}
  let skewedSpans = 0

  const traceIdx = used.map((_, i) => i)
  const entriesOf = Float64Array.from(used, (d) => d.entries)
  const entriesM = momentsOf(frame, traceIdx, entriesOf)
  const entryDurations = used.map((d) => d.entryDuration)
  const durM = momentsOf(frame, traceIdx, entryDurations)
  const entryCross = (c: Column) => crossOf(frame, c.idx, c.val, (k) => entriesOf[c.idx[k] ?? 0] ?? 0)
  const meanLatency = ratio(frame, durM, entriesM, entryCross({ idx: traceIdx, val: entryDurations }))
  const requests = total(frame, entriesM)

  const accs = new Map<string, NodeAcc>()
  const entryDur: number[] = []
  const entryW: number[] = []
  // calls arriving at each service (and service + operation), trace by trace
  const arrivalBy = new Map<string, { all: ArrivalAcc; ops: Map<string, ArrivalAcc> }>()
  const arrivalsOf = (service: string, operation: string): [ArrivalAcc, ArrivalAcc] => {
    let g = arrivalBy.get(service)
    if (!g) arrivalBy.set(service, (g = { all: { service, operation: null, calls: column() }, ops: new Map() }))
    let op = g.ops.get(operation)
    if (!op) g.ops.set(operation, (op = { service, operation, calls: column() }))
    return [g.all, op]
  }
  const arrive = (a: ArrivalAcc, i: number, calls: number) => {
    const last = a.calls.idx.length - 1
    if (last >= 0 && a.calls.idx[last] === i) a.calls.val[last] = (a.calls.val[last] ?? 0) + calls
    else {
      a.calls.idx.push(i)
      a.calls.val.push(calls)
    }
  }
  for (let i = 0; i < used.length; i++) {
    const d = used[i] as PathDigest
    modes[d.mode] = (modes[d.mode] ?? 0) + 1
    skewedSpans += d.skewedSpans
    const w = weightOf(frame, i)
    for (const o of d.nodes) {
      let a = accs.get(o.key)
      if (!a) {
        a = { key: o.key, parent: o.parent, service: o.service, operation: o.operation, depth: o.depth, async: o.async, calls: column(), errors: column(), critical: column(), durations: new Doubles(), selfs: new Doubles(), weights: new Doubles(), example: { traceId: d.traceId, spanId: o.spanId }, arrivals: null }
        accs.set(o.key, a)
      }
      if (o.calls > 0 && o.arrival) {
        // a node's key fixes its service and operation: its totals are looked up once
        const [all, op] = (a.arrivals ??= arrivalsOf(o.service, o.operation))
        arrive(all, i, o.calls)
        arrive(op, i, o.calls)
      }
      if (o.calls > 0) {
        a.calls.idx.push(i)
        a.calls.val.push(o.calls)
      }
      if (o.errors > 0) {
        a.errors.idx.push(i)
        a.errors.val.push(o.errors)
      }
      if (o.critical > 0) {
        a.critical.idx.push(i)
        a.critical.val.push(o.critical)
      }
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
  }

  const perEntry = (c: Column): Estimate => ratio(frame, momentsOf(frame, c.idx, c.val), entriesM, entryCross(c))
  const stats = new Map<string, PathNodeStats>()
  for (const a of accs.values()) {
    const callsM = momentsOf(frame, a.calls.idx, a.calls.val)
    const callsTotal = total(frame, callsM)
    const errorsM: Moments = momentsOf(frame, a.errors.idx, a.errors.val)
    // the calls of the trace of each error count (both columns are in increasing trace order)
    const callsAtError = new Float64Array(a.errors.idx.length)
    for (let k = 0, j = 0; k < a.errors.idx.length; k++) {
      const i = a.errors.idx[k] ?? 0
      while (j < a.calls.idx.length && (a.calls.idx[j] ?? 0) < i) j++
      callsAtError[k] = a.calls.idx[j] === i ? (a.calls.val[j] ?? 0) : 0
    }
    const errorRate = ratio(frame, errorsM, callsM, crossOf(frame, a.errors.idx, a.errors.val, (k) => callsAtError[k] ?? 0))
    const criticalPerEntry = perEntry(a.critical)
    const w = a.weights.values()
    let errors = 0
    for (const e of a.errors.val) errors += e
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
      duration: quant(weightedQuantiles(a.durations.values(), w, QS)),
      self: quant(weightedQuantiles(a.selfs.values(), w, QS)),
      criticalPerEntry,
      criticalShare: meanLatency.value > 0 ? criticalPerEntry.value / meanLatency.value : 0,
      errorRate,
      errors,
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
    const t = total(frame, momentsOf(frame, a.calls.idx, a.calls.val))
    return { service: a.service, operation: a.operation, callsPerEntry: perEntry(a.calls), rps: ratesKnown ? { value: t.value / seconds, se: t.se / seconds, n: t.n } : null }
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

