/**
 * One trace reduced to what path analysis needs: the calls below each span of the entry operation,
 * merged by their place in the call path (service + operation at each level), with counts,
 * durations, self times and time on the entry's critical path. Pure; runs in a worker.
 *
 * A call is one node, not two: a client span whose callee's span was captured stands for the
 * callee (the callee's server or consumer span is counted, timed and judged); a client span
 * without a callee span (storage, a message topic, a callee that was not captured) is the node
 * itself, named after the callee it names (`ToService` / `ToMethod`, else its own service and name).
 */
import type { SamplingMode, Span, Trace } from '../model'
import { followsFromParent } from '../trace/relations'
import { criticalPath, selfTimes } from '../trace/timing'
import { buildTraceTree, isFailedSpan } from '../trace/tree'
import type { TraceTree, TreeNode } from '../trace/tree'

export interface PathEntry {
  service: string
  operation: string
}

/** Separates the levels of a node key: `api-gateway::POST /api/checkout › checkout-bff::PlaceOrder`. */
export const KEY_SEP = ' › '
export const nodeName = (service: string, operation: string): string => `${service}::${operation}`

/** One node of one trace. */
export interface NodeObservation {
  key: string
  /** key of the node above (null for the entry) */
  parent: string | null
  service: string
  operation: string
  depth: number
  /** reached through async work (a message consumer): the entry did not wait for it */
  async: boolean
  /** its calls arrive at its service from another one (the node above is another service's, or it is the entry) */
  arrival: boolean
  /** calls (spans) of this node in the trace */
  calls: number
  errors: number
  /** µs, one per call: the span's own duration */
  durations: number[]
  /** µs, one per call: the span's self time (its duration minus what its children cover) */
  self: number[]
  /** µs of the entry's critical path spent in this node's own work (and the network of its calls) */
  critical: number
  /** the first span of this node in the trace (the link to it) */
  spanId: string
}

/**
 * Why a trace cannot stand for the requests of its kind:
 * - `posttrace`: captured mid-flight, calls that had finished before the trigger are missing;
 * - `orphans`: spans whose parent was lost, so calls under them are not placed;
 * - `no-entry`: no span of the entry operation.
 */
export type Exclusion = 'posttrace' | 'orphans' | 'no-entry'

export interface PathDigest {
  traceId: string
  /** µs since epoch: the first entry span's start (the trace's start when it has none) */
  startTime: number
  /** time stratum of the window's listing it was drawn from (-1 when not drawn from a listing) */
  stratum: number
  mode: SamplingMode
  /**
   * Probability that a request like this one was kept by the sampler whose traces are complete
   * (the head sampler's rate, 1 for dyed requests); 1 when unknown (`rateKnown` false).
   */
  rate: number
  rateKnown: boolean
  excluded: Exclusion | null
  /** spans of the entry operation (outermost ones: an entry calling itself counts once) */
  entries: number
  /** µs summed over the entry spans */
  entryDuration: number
  nodes: NodeObservation[]
  /** spans under a lost parent, and spans moved inside their parent for clock skew */
  orphanSpans: number
  skewedSpans: number
  /** the entry spans' tag and resource values, for conditions read on the digest */
  entryStatus: 'ok' | 'error'
}

/**
 * The probability that a complete trace of this request was kept: the head sampler's rate
 * (`samplerRate`) for head-sampled traces (a failing request's recorded `rate` also counts the
 * PostTrace capture, which keeps incomplete traces, so it is not the probability of a complete
 * one), 1 for dyed requests, the recorded rate when the sampler's is not given.
 */
export function completeInclusion(s: Trace['sampling']): { rate: number; known: boolean } {
  if (s.rateKnown === false) return { rate: 1, known: false }
  if (s.mode === 'dyed') return { rate: 1, known: true }
  const r = s.samplerRate ?? s.rate
  return r > 0 && Number.isFinite(r) ? { rate: Math.min(1, r), known: true } : { rate: 1, known: false }
}

const isCallee = (s: Span): boolean => s.kind === 'server' || s.kind === 'consumer'

/** The callee a client or producer span names (tags of the domain's semantic conventions, then OpenTelemetry's). */
function calleeOf(s: Span): { service: string; operation: string } {
  const to = s.tags.ToService ?? s.tags['peer.service'] ?? s.tags['db.system'] ?? s.tags['messaging.system']
  const op = s.tags.ToMethod ?? s.tags['messaging.destination.name'] ?? s.tags['db.operation']
  return { service: to !== undefined && to !== '' ? String(to) : s.service, operation: op !== undefined && op !== '' ? String(op) : s.name }
}

/**
 * Node keys made once and reused (`parent › service::operation`): a path's keys are the same in
 * every trace, so the strings are not rebuilt span by span. One per analysis (its keys stay small:
 * one per node of the tree).
 */
export class KeyCache {
  private readonly byParent = new Map<string, Map<string, Map<string, string>>>()
  key(parent: string, service: string, operation: string): string {
    let bySvc = this.byParent.get(parent)
    if (!bySvc) this.byParent.set(parent, (bySvc = new Map()))
    let byOp = bySvc.get(service)
    if (!byOp) bySvc.set(service, (byOp = new Map()))
    let k = byOp.get(operation)
    if (k === undefined) byOp.set(operation, (k = `${parent}${KEY_SEP}${nodeName(service, operation)}`))
    return k
  }
  /** the entry's own key (`service::operation`) */
  private readonly roots = new Map<string, Map<string, string>>()
  root(service: string, operation: string): string {
    let byOp = this.roots.get(service)
    if (!byOp) this.roots.set(service, (byOp = new Map()))
    let k = byOp.get(operation)
    if (k === undefined) byOp.set(operation, (k = nodeName(service, operation)))
    return k
  }
}

export function digestPathTrace(trace: Trace, entry: PathEntry, keys: KeyCache = new KeyCache()): PathDigest {
  const tree = buildTraceTree(trace)
  const inclusion = completeInclusion(trace.sampling)
  const base: PathDigest = {
    traceId: trace.traceId,
    startTime: tree.start,
    stratum: -1,
    mode: trace.sampling.mode,
    rate: inclusion.rate,
    rateKnown: inclusion.known,
    excluded: null,
    entries: 0,
    entryDuration: 0,
    nodes: [],
    orphanSpans: 0,
    skewedSpans: tree.skewAdjustedCount,
    entryStatus: 'ok',
  }
  base.orphanSpans = orphanSpans(tree)
  const entries = entrySpans(tree, entry)
  if (entries.length === 0) return { ...base, excluded: 'no-entry' }
  const first = tree.nodes[entries[0] ?? 0]
  base.startTime = first?.start ?? tree.start
  if (trace.sampling.mode === 'posttrace') return { ...base, excluded: 'posttrace' }
  if (base.orphanSpans > 0) return { ...base, excluded: 'orphans' }
  return { ...base, ...walk(tree, entries, keys) }
}

/** Spans under a "missing parent" placeholder. */
function orphanSpans(tree: TraceTree): number {
  let n = 0
  for (const r of tree.roots) {
    const node = tree.nodes[r]
    if (node?.kind === 'missing-parent') n += node.subtreeSize - 1
  }
  return n
}

/** The outermost spans of the entry operation, in pre-order. */
function entrySpans(tree: TraceTree, entry: PathEntry): number[] {
  const out: number[] = []
  let skipUntil = -1
  for (const n of tree.nodes) {
    if (n.index < skipUntil) continue
    const s = n.span
    if (s && s.service === entry.service && s.name === entry.operation && s.kind !== 'client' && s.kind !== 'producer') {
      out.push(n.index)
      skipUntil = n.index + n.subtreeSize
    }
  }
  return out
}

function walk(tree: TraceTree, entries: number[], keys: KeyCache): Pick<PathDigest, 'entries' | 'entryDuration' | 'nodes' | 'entryStatus'> {
  const self = selfTimes(tree)
  const onPath = criticalPath(tree, entries)
  const byKey = new Map<string, NodeObservation>()
  /** per tree node: the key of the path node it belongs to, and whether it is reached through async work */
  const keyOf: (string | undefined)[] = new Array<string | undefined>(tree.nodes.length)
  /** client spans that stand for their callee's span */
  const standsFor = new Set<number>()
  const asyncOf = new Uint8Array(tree.nodes.length)
  let entryDuration = 0
  let failed = false
  const obs = (key: string, parent: string | null, service: string, operation: string, depth: number, async: boolean, spanId: string): NodeObservation => {
    let o = byKey.get(key)
    if (!o) {
      const arrival = parent === null || byKey.get(parent)?.service !== service
      o = { key, parent, service, operation, depth, async, arrival, calls: 0, errors: 0, durations: [], self: [], critical: 0, spanId }
      byKey.set(key, o)
    }
    return o
  }
  for (const e of entries) {
    const root = tree.nodes[e]
    if (!root?.span) continue
    entryDuration += root.duration
    if (isFailedSpan(root.span)) failed = true
    const end = e + root.subtreeSize
    for (let i = e; i < end; i++) {
      const n = tree.nodes[i]
      const s = n?.span
      if (!n || !s) continue
      const parent = n.parent === -1 || i === e ? null : tree.nodes[n.parent]
      const parentKey = parent ? keyOf[parent.index] ?? null : null
      const async = (parent ? asyncOf[parent.index] === 1 : false) || (parent?.span ? followsFromParent(s, parent.span) : false)
      if (async) asyncOf[i] = 1
      const depth = parentKey === null ? 0 : (byKey.get(parentKey)?.depth ?? 0) + 1
      const critical = onPath[i] === 1 ? criticalSelf(tree, onPath, i, i === e) : 0
      if (i === e) {
        const name = keys.root(s.service, s.name)
        keyOf[i] = name
        count(obs(name, null, s.service, s.name, 0, false, s.spanId), s, self.known[i] ?? 0, critical)
        continue
      }
      if (parentKey === null) continue // under a placeholder or an unplaced span: not placed
      if (s.kind === 'client' || s.kind === 'producer') {
        let callee: TreeNode | undefined
        if (s.kind === 'client')
          for (const c of n.children) {
            const cn = tree.nodes[c]
            if (cn?.span && isCallee(cn.span)) {
              callee = cn
              break
            }
          }
        if (callee?.span) {
          // the call is its callee: the callee's span is counted; the client's network time goes to it
          const key = keys.key(parentKey, callee.span.service, callee.span.name)
          keyOf[i] = key
          standsFor.add(i)
          const o = obs(key, parentKey, callee.span.service, callee.span.name, depth, async, callee.span.spanId)
          o.critical += critical
          continue
        }
        const c = calleeOf(s)
        const key = keys.key(parentKey, c.service, c.operation)
        keyOf[i] = key
        count(obs(key, parentKey, c.service, c.operation, depth, async, s.spanId), s, self.known[i] ?? 0, critical)
        continue
      }
      // a callee span under the client span that stands for it joins that client's node
      const parentObs = byKey.get(parentKey)
      const sameCall = parent !== null && standsFor.has(parent.index) && isCallee(s) && parentObs !== undefined && parentObs.service === s.service && parentObs.operation === s.name
      const key = sameCall ? parentKey : keys.key(parentKey, s.service, s.name)
      keyOf[i] = key
      const o = sameCall ? (byKey.get(key) as NodeObservation) : obs(key, parentKey, s.service, s.name, depth, async, s.spanId)
      count(o, s, self.known[i] ?? 0, critical)
    }
  }
  return { entries: entries.length, entryDuration, nodes: [...byKey.values()], entryStatus: failed ? 'error' : 'ok' }
}

function count(o: NodeObservation, s: Span, self: number, critical: number): void {
  o.calls += 1
  if (isFailedSpan(s)) o.errors += 1
  o.durations.push(s.duration)
  o.self.push(self)
  o.critical += critical
}

/** µs of a critical-path node's clipped extent not covered by its children on the path (they are sequential). */
function criticalSelf(tree: TraceTree, onPath: Uint8Array, i: number, isEntry: boolean): number {
  const n = tree.nodes[i]
  if (!n) return 0
  const p = n.parent === -1 || isEntry ? null : tree.nodes[n.parent]
  const s = p ? Math.max(n.start, p.start) : n.start
  const e = p ? Math.min(n.start + n.duration, p.start + p.duration) : n.start + n.duration
  let covered = 0
  for (const c of n.children) {
    if (onPath[c] !== 1) continue
    const cn = tree.nodes[c]
    if (!cn) continue
    covered += Math.max(0, Math.min(e, cn.start + cn.duration) - Math.max(s, cn.start))
  }
  return Math.max(0, e - s - covered)
}
