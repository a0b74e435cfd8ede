import type { Alert, ChangeEvent, Health, Partiality, Topology } from '../model'
import { neighbourhood, subgraph } from './focus'
import { collapse, collapseKey, LARGE_GRAPH_NODES } from './grouping'
import type { GroupBy } from './grouping'
import { effectiveHealth, isProblemEdge, isProblemNode } from './health'

/** What part of the answer the view draws: focus, "problems only", collapsing of large graphs. Pure. */
export interface VisibleOptions {
  focus: string | null
  up: number
  down: number
  problemsOnly: boolean
  groupBy: GroupBy
  /** draw a large graph uncollapsed anyway */
  showAll: boolean
  health: ReadonlyMap<string, Health>
  threshold?: number
}

export interface VisibleGraph {
  graph: Topology
  /** true when the graph was too large and is shown collapsed into groups */
  collapsed: boolean
  /** node count of the answer before any hiding */
  totalNodes: number
  /** the focus is not part of the answer */
  focusMissing: boolean
}

export function visibleGraph(topology: Topology, o: VisibleOptions): VisibleGraph {
  let g = topology
  let focusMissing = false
  if (o.focus) {
    const keep = neighbourhood(g, o.focus, o.up, o.down)
    focusMissing = keep.size === 0
    g = subgraph(g, keep)
  }
  if (o.problemsOnly) {
    const keep = new Set<string>()
    const nodes = new Map(g.nodes.map((n) => [n.id, n]))
    for (const n of g.nodes) if (isProblemNode(n, o.health.get(n.id) ?? n.health)) keep.add(n.id)
    const edges = g.edges.filter((e) => isProblemEdge(e) || (keep.has(e.source) && keep.has(e.target)))
    for (const e of edges) {
      if (nodes.has(e.source)) keep.add(e.source)
      if (nodes.has(e.target)) keep.add(e.target)
    }
    g = { ...g, nodes: g.nodes.filter((n) => keep.has(n.id)), edges }
  }
  const threshold = o.threshold ?? LARGE_GRAPH_NODES
  const collapsed = !o.focus && !o.showAll && g.nodes.length > threshold
  if (collapsed) g = collapse(g, collapseKey(o.groupBy))
  return { graph: g, collapsed, totalNodes: topology.nodes.length, focusMissing }
}

/** Health per node as shown (see effectiveHealth). */
export function healthMap(topology: Topology, partial: Partiality | null, serviceDcs?: ReadonlyMap<string, readonly string[]>): Map<string, Health> {
  return new Map(topology.nodes.map((n) => [n.id, effectiveHealth(n, partial, serviceDcs)]))
}

/** Deploys (and other changes) per service inside the window. */
export function changesPerService(changes: readonly ChangeEvent[], from: number, to: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of changes) if (c.time >= from && c.time <= to) out.set(c.service, (out.get(c.service) ?? 0) + 1)
  return out
}

/**
 * The window widened to whole steps (e.g. minutes) on both sides: a live view whose window moves
 * every few seconds asks for events of the same widened window until it crosses a step, and cuts
 * the answer back to its own window with `changesIn` and `alertsIn`.
 */
export function stepWindow(w: { from: number; to: number }, stepMs: number): { from: number; to: number } {
  return { from: Math.floor(w.from / stepMs) * stepMs, to: Math.ceil(w.to / stepMs) * stepMs }
}

/** Changes made in the window [from, to) (as GET /api/v1/changes answers it). */
export function changesIn<C extends ChangeEvent>(changes: readonly C[], from: number, to: number): C[] {
  return changes.filter((c) => c.time >= from && c.time < to)
}

/** Alerts overlapping the window (as GET /api/v1/alerts answers it; endsAt null: still firing). */
export function alertsIn<A extends Alert>(alerts: readonly A[], from: number, to: number): A[] {
  return alerts.filter((a) => a.startsAt < to && (a.endsAt === null || a.endsAt >= from))
}

/** Alerts still firing at the end of the window, per service. */
export function activeAlertsPerService(alerts: readonly Alert[], at: number): Map<string, number> {
  const out = new Map<string, number>()
  for (const a of alerts) if (a.startsAt <= at && (a.endsAt === null || a.endsAt > at)) out.set(a.service, (out.get(a.service) ?? 0) + 1)
  return out
}

/** Callers and callees of a node with their call stats, busiest first. */
export function neighboursOf(topology: Topology, id: string) {
  const byRps = (a: { rps: number }, b: { rps: number }) => b.rps - a.rps
  return {
    callers: topology.edges.filter((e) => e.target === id).sort(byRps),
    callees: topology.edges.filter((e) => e.source === id).sort(byRps),
  }
}
