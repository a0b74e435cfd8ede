import type { Topology, TopologyEdge, TopologyNode } from '../model'

/** Differences of the current graph against a baseline window (e.g. the same window yesterday). Pure. */
export type DiffStatus = 'new' | 'vanished' | 'kept'

export interface ElementDiff {
  status: DiffStatus
  /** error rate now − then, as a ratio difference (0.05 = +5 points); 0 unless kept */
  errorRateDelta: number
  /** p99 now / then; 1 unless kept and both known */
  p99Ratio: number
  /** rps now / then; 1 unless kept and both known */
  rpsRatio: number
}

export interface BaselineDiff {
  nodes: Map<string, ElementDiff>
  edges: Map<string, ElementDiff>
  /** baseline elements absent now, so the view can draw them as ghosts */
  vanishedNodes: TopologyNode[]
  vanishedEdges: TopologyEdge[]
}

/** Edges are matched by caller and callee, so ids from two answers need not agree. */
export const edgeKey = (e: { source: string; target: string }) => `${e.source}->${e.target}`

const ratio = (now: number, then: number) => (then > 0 && now > 0 ? now / then : 1)

function compare(now: { errorRate: number; p99: number; rps: number }, then: { errorRate: number; p99: number; rps: number }): ElementDiff {
  return {
    status: 'kept',
    errorRateDelta: now.errorRate - then.errorRate,
    p99Ratio: ratio(now.p99, then.p99),
    rpsRatio: ratio(now.rps, then.rps),
  }
}

const fresh = (status: DiffStatus): ElementDiff => ({ status, errorRateDelta: 0, p99Ratio: 1, rpsRatio: 1 })

export function diffBaseline(current: Topology, baseline: Topology): BaselineDiff {
  const baseNodes = new Map(baseline.nodes.map((n) => [n.id, n]))
  const baseEdges = new Map(baseline.edges.map((e) => [edgeKey(e), e]))
  const curNodes = new Set(current.nodes.map((n) => n.id))
  const curEdges = new Set(current.edges.map(edgeKey))
  const nodes = new Map<string, ElementDiff>()
  for (const n of current.nodes) {
    const then = baseNodes.get(n.id)
    nodes.set(n.id, then ? compare(n, then) : fresh('new'))
  }
  const edges = new Map<string, ElementDiff>()
  for (const e of current.edges) {
    const then = baseEdges.get(edgeKey(e))
    edges.set(e.id, then ? compare(e, then) : fresh('new'))
  }
  const vanishedNodes = baseline.nodes.filter((n) => !curNodes.has(n.id))
  const vanishedEdges = baseline.edges.filter((e) => !curEdges.has(edgeKey(e)))
  for (const n of vanishedNodes) nodes.set(n.id, fresh('vanished'))
  for (const e of vanishedEdges) edges.set(e.id, fresh('vanished'))
  return { nodes, edges, vanishedNodes, vanishedEdges }
}

/** Whether a kept element changed enough to call out: +2 points of errors or p99 ×1.5 either way. */
export function isNotableChange(d: ElementDiff): boolean {
  if (d.status !== 'kept') return true
  return Math.abs(d.errorRateDelta) >= 0.02 || d.p99Ratio >= 1.5 || d.p99Ratio <= 1 / 1.5
}

/**
 * What the graph draws of an element's change against the baseline, in this order: new, gone,
 * errors up (≥ +2 points), slower (p99 × 1.5 or more), better (errors down 2 points or p99 ÷ 1.5),
 * else unchanged. Only an error increase is drawn red.
 */
export type DiffKind = 'new' | 'gone' | 'errors-up' | 'slower' | 'better' | 'same'

export function diffKind(d: ElementDiff): DiffKind {
  if (d.status === 'new') return 'new'
  if (d.status === 'vanished') return 'gone'
  if (d.errorRateDelta >= 0.02) return 'errors-up'
  if (d.p99Ratio >= 1.5) return 'slower'
  if (d.errorRateDelta <= -0.02 || d.p99Ratio <= 1 / 1.5) return 'better'
  return 'same'
}

/**
 * The width (px) a changed call is drawn with: the size of its change (2 px at the threshold, up to
 * 9 px at +20 error points or p99 × 8), 1 px unchanged. Not its traffic: the legend says so.
 */
export function diffWidth(d: ElementDiff): number {
  const k = diffKind(d)
  if (k === 'same') return 1
  if (k === 'new' || k === 'gone') return 2
  const err = Math.abs(d.errorRateDelta) / 0.2
  const lat = Math.abs(Math.log2(d.p99Ratio)) / 3
  const size = k === 'errors-up' ? err : k === 'slower' ? lat : Math.max(err, lat)
  return Math.round((2 + 7 * Math.min(1, size)) * 4) / 4
}

/**
 * "Changed only": the elements that differ from the baseline (not unchanged), with the nodes at
 * both ends of a changed call. Vanished elements are drawn from the diff as ghosts.
 */
export function changedOnly(g: Topology, d: BaselineDiff): Topology {
  const changed = (id: string, m: Map<string, ElementDiff>) => {
    const x = m.get(id)
    return x !== undefined && diffKind(x) !== 'same'
  }
  const edges = g.edges.filter((e) => changed(e.id, d.edges))
  const keep = new Set(g.nodes.filter((n) => changed(n.id, d.nodes)).map((n) => n.id))
  for (const e of edges) {
    keep.add(e.source)
    keep.add(e.target)
  }
  return { ...g, nodes: g.nodes.filter((n) => keep.has(n.id)), edges }
}

export interface DiffSummary {
  newEdges: number
  goneEdges: number
  /** kept calls whose error rate or p99 changed notably */
  changedEdges: number
}

/** Counts for the legend: how many calls are new, gone, or notably changed against the baseline. */
export function summarizeDiff(d: BaselineDiff): DiffSummary {
  let newEdges = 0
  let goneEdges = 0
  let changedEdges = 0
  for (const e of d.edges.values()) {
    if (e.status === 'new') newEdges++
    else if (e.status === 'vanished') goneEdges++
    else if (isNotableChange(e)) changedEdges++
  }
  return { newEdges, goneEdges, changedEdges }
}
