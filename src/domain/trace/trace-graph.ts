/**
 * The service graph of one trace: which services (or service operations) called which, how often,
 * for how long, and where the errors went. A 100,000-span trace becomes as many nodes as it has
 * services (or operations), never one per span.
 */
import { followsFromParent } from './relations'
import type { SelfTimes } from './timing'
import type { TraceTree } from './tree'

export type TraceGraphGroup = 'service' | 'operation'

export interface TraceGraphNode {
  id: string
  service: string
  /** null when grouped by service */
  operation: string | null
  /** spans of the node (0 for a callee known only from its callers' client spans) */
  spans: number
  errors: number
  /** µs: summed durations of its spans */
  total: number
  /** µs: summed self times (known part) of its spans */
  self: number
  /** µs of its spans' self time that PostTrace may have lost calls in (self lies in [self, self + unaccounted]) */
  unaccounted: number
  /** spans of the node on the critical path */
  critical: number
  /** holds a root span of the trace */
  entry: boolean
  /** no span of it was captured: it is known only from ToService on its callers' client spans */
  inferred: boolean
  /** on the trace's error chain; `origin`: the chain started here */
  inChain: boolean
  origin: boolean
}

export interface TraceGraphEdge {
  id: string
  source: string
  target: string
  /** calls: callee spans entered from the source (or client spans whose callee was not captured) */
  calls: number
  /** calls that failed on the callee side (or on the client span, for uncaptured callees) */
  errors: number
  /** µs: summed durations of the calls as the callee measured them (the client span's, when the callee was not captured) */
  total: number
  /**
   * µs: time the target spent on these calls on its own: the self times of the target's spans from
   * where each call entered it until it called further (another service, or, by operation, another span)
   */
  self: number
  /** calls on the trace's critical path */
  critical: number
  /** every call is async (the caller did not wait: a message consumed later) */
  async: boolean
  /** the callee was not captured; the call is known from the client span */
  inferred: boolean
  /** the error chain travelled along this call */
  inChain: boolean
}

export interface TraceGraph {
  group: TraceGraphGroup
  nodes: TraceGraphNode[]
  edges: TraceGraphEdge[]
  spanCount: number
}

export interface TraceGraphInputs {
  self: SelfTimes
  onPath: Uint8Array
  /** spans on the trace's error chains, and the chains' origins */
  chainSpans: ReadonlySet<string>
  chainOrigins: ReadonlySet<string>
}

export function buildTraceGraph(tree: TraceTree, inputs: TraceGraphInputs, group: TraceGraphGroup): TraceGraph {
  const { self, onPath, chainSpans, chainOrigins } = inputs
  const nodes = new Map<string, TraceGraphNode>()
  const edges = new Map<string, TraceGraphEdge>()
  const edgeList: TraceGraphEdge[] = []
  const nodeId = (service: string, operation: string | null) => (operation === null ? service : `${service}\u0001${operation}`)
  const nodeOf = (service: string, operation: string | null, inferred: boolean): TraceGraphNode => {
    const id = nodeId(service, operation)
    let n = nodes.get(id)
    if (!n) {
      n = { id, service, operation, spans: 0, errors: 0, total: 0, self: 0, unaccounted: 0, critical: 0, entry: false, inferred, inChain: false, origin: false }
      nodes.set(id, n)
    }
    if (!inferred) n.inferred = false
    return n
  }
  const edgeOf = (source: string, target: string, async: boolean, inferred: boolean): TraceGraphEdge => {
    const id = `${source}\u0002${target}`
    let e = edges.get(id)
    if (!e) {
      e = { id, source, target, calls: 0, errors: 0, total: 0, self: 0, critical: 0, async, inferred, inChain: false }
      edges.set(id, e)
      edgeList.push(e)
    }
    if (!async) e.async = false
    if (!inferred) e.inferred = false
    return e
  }
  const ns = tree.nodes
  const nodeOfSpan: (TraceGraphNode | null)[] = new Array<TraceGraphNode | null>(ns.length).fill(null)
  // the call (edge) through which each span's service was entered; -1 for spans under no call
  const entryEdge: (TraceGraphEdge | null)[] = new Array<TraceGraphEdge | null>(ns.length).fill(null)
  const hasCalleeChild = new Uint8Array(ns.length)
  for (const n of ns) {
    const span = n.span
    if (!span) continue
    const node = nodeOf(span.service, group === 'operation' ? span.name : null, false)
    nodeOfSpan[n.index] = node
    node.spans++
    if (n.isError) node.errors++
    node.total += n.duration
    node.self += self.known[n.index]
    node.unaccounted += self.unaccounted[n.index]
    if (onPath[n.index]) node.critical++
    const inChain = chainSpans.has(span.spanId)
    if (inChain) node.inChain = true
    if (chainOrigins.has(span.spanId)) node.origin = true
    const parent = n.parent === -1 ? null : ns[n.parent]
    const parentNode = parent ? nodeOfSpan[parent.index] : null
    if (!parent?.span || !parentNode) {
      node.entry = node.entry || n.parent === -1
      continue
    }
    if (parentNode.service !== node.service) hasCalleeChild[parent.index] = 1
    const crossing = group === 'operation' || parentNode !== node
    if (!crossing) {
      entryEdge[n.index] = entryEdge[parent.index]
    } else {
      const e = edgeOf(parentNode.id, node.id, followsFromParent(span, parent.span), false)
      e.calls++
      if (n.isError) e.errors++
      e.total += n.duration
      if (onPath[n.index]) e.critical++
      if (inChain && chainSpans.has(parent.span.spanId)) e.inChain = true
      entryEdge[n.index] = e
    }
    const entered = entryEdge[n.index]
    if (entered) entered.self += self.known[n.index]
  }
  // client calls whose callee was not captured (datastores, lost spans): known from ToService
  for (const n of ns) {
    const span = n.span
    if (!span || (span.kind !== 'client' && span.kind !== 'producer') || hasCalleeChild[n.index]) continue
    const to = span.tags.ToService
    if (typeof to !== 'string' || to === '' || to === span.service) continue
    const from = nodeOfSpan[n.index]
    if (!from) continue
    const toOp = span.tags.ToMethod
    const target = nodeOf(to, group === 'operation' ? (typeof toOp === 'string' && toOp ? toOp : '(unknown operation)') : null, true)
    const e = edgeOf(from.id, target.id, span.kind === 'producer', true)
    e.calls++
    if (n.isError) e.errors++
    e.total += n.duration
    if (onPath[n.index]) e.critical++
    if (n.isError && chainSpans.has(span.spanId)) {
      e.inChain = true
      target.inChain = true
    }
  }
  return { group, nodes: [...nodes.values()], edges: edgeList, spanCount: tree.spanCount }
}
