import type { Alert, ChangeEvent, Health, Partiality, Topology, TopologyNode } from '../model'
import { neighbourhood, subgraph } from './focus'
import { collapse, collapseKey, groupKeyOf, LARGE_GRAPH_NODES, memberHealth } from './grouping'
import type { GroupBy, MemberHealth } from './grouping'
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
  /**
   * Grouped by DC or cluster: the groups drawn open (their members inside a labelled box); the
   * others are drawn as one node each. null: open when the graph is small enough to read
   * (`OPEN_GROUPS_UP_TO` nodes), else all closed.
   */
  openGroups?: readonly string[] | null
  /** a node id the view selected: its group starts open when the groups are not chosen */
  selected?: string | null
}

/** Grouped by DC or cluster, a graph up to this many nodes opens with every group open. */
export const OPEN_GROUPS_UP_TO = 60

/** The box a node belongs to when grouped by DC or cluster (its key), else null. */
export function boxKeyOf(n: Pick<TopologyNode, 'dc' | 'cluster'>, groupBy: GroupBy): string | null {
  return groupBy === 'dc' ? n.dc : groupBy === 'cluster' ? n.cluster : null
}

export interface VisibleGraph {
  graph: Topology
  /** true when the graph was too large and is shown collapsed into groups */
  collapsed: boolean
  /**
   * How a collapsed graph was cut: the services with problems and their callers and callees drawn
   * as they are, the rest one node per group ('problems'); when the problems are too many to draw
   * (a source that knows no health: every node "unknown"), the busiest services and their callers
   * and callees ('busiest', with `busiest` services); or every node in a group ('groups').
   */
  overview: { kind: 'problems' | 'busiest' | 'groups'; problems: number; neighbours: number; grouped: number; busiest?: number } | null
  /** node count of the answer before any hiding */
  totalNodes: number
  /** the focus is not part of the answer */
  focusMissing: boolean
  /** members (node ids of the answer) of each collapsed group node, and of a focused group */
  members: ReadonlyMap<string, readonly string[]>
  /** grouped by DC or cluster: every group of the graph shown, and whether it is drawn open */
  groups: { key: string; open: boolean; members: number }[]
  /** each group node drawn: its members' health, apart from the group's own */
  memberHealth: ReadonlyMap<string, MemberHealth>
}

/** The answer's nodes a focus names: a node id or service, or every member of a group (`group:<key>`). */
function focusStarts(topology: Topology, focus: string, groupBy: GroupBy): string[] {
  const key = groupKeyOf(focus)
  if (key !== null) {
    const keyOf = collapseKey(groupBy)
    return topology.nodes.filter((n) => keyOf(n) === key).map((n) => n.id)
  }
  return topology.nodes.filter((n) => n.id === focus || n.service === focus).map((n) => n.id)
}

/** Services drawn at most around the busiest ones when the problems are too many to draw. */
export const BUSIEST_NODES = 60
/** The busiest services taken at most (each with its callers and callees). */
const BUSIEST_MAX = 12

/**
 * The busiest services (most calls in the window, answered or made) with their direct callers and
 * callees, as many as fit in `budget` nodes; a service whose neighbourhood does not fit is skipped,
 * and so is one already drawn as a caller or callee of a busier one.
 */
function busiest(g: Topology, budget: number): { busy: Set<string>; keep: Set<string> } {
  const around = new Map<string, Set<string>>()
  const at = (id: string) => around.get(id) ?? around.set(id, new Set()).get(id)!
  for (const e of g.edges) {
    at(e.source).add(e.target)
    at(e.target).add(e.source)
  }
  const calls = new Map<string, number>()
  for (const e of g.edges) {
    calls.set(e.source, (calls.get(e.source) ?? 0) + e.rps)
    calls.set(e.target, (calls.get(e.target) ?? 0) + e.rps)
  }
  const ranked = g.nodes
    .map((n) => ({ n, calls: calls.get(n.id) ?? n.rps }))
    .sort((a, b) => b.calls - a.calls || a.n.id.localeCompare(b.n.id))
    .map((x) => x.n)
  const busy = new Set<string>()
  const keep = new Set<string>()
  for (const n of ranked) {
    if (busy.size >= BUSIEST_MAX) break
    // already drawn as a caller or callee of a busier one
    if (keep.has(n.id)) continue
    const add = [n.id, ...(around.get(n.id) ?? [])].filter((id) => !keep.has(id))
    if (keep.size + add.length > budget) continue
    busy.add(n.id)
    for (const id of add) keep.add(id)
  }
  return { busy, keep }
}

/**
 * The overview of a graph too large to draw: the nodes with problems and their direct callers and
 * callees as they are, every other node collapsed into its group. When even that is more than
 * `threshold`, the problems alone; when those are too, the busiest services with their callers and
 * callees (a source without health, where every node is "unknown"); groups only when not even one
 * of those fits.
 */
function overview(g: Topology, o: VisibleOptions, threshold: number): { graph: Topology; overview: NonNullable<VisibleGraph['overview']> } {
  const keyOf = collapseKey(o.groupBy)
  const problems = new Set(g.nodes.filter((n) => isProblemNode(n, o.health.get(n.id) ?? n.health)).map((n) => n.id))
  const near = new Set(problems)
  for (const e of g.edges) {
    if (problems.has(e.source)) near.add(e.target)
    if (problems.has(e.target)) near.add(e.source)
  }
  const keep = near.size < threshold ? near : problems.size < threshold ? problems : new Set<string>()
  if (keep.size === 0) {
    const b = busiest(g, Math.min(threshold - 1, BUSIEST_NODES))
    if (b.busy.size > 0) {
      const graph = collapse(g, (n) => (b.keep.has(n.id) ? null : keyOf(n)))
      return { graph, overview: { kind: 'busiest', problems: 0, busiest: b.busy.size, neighbours: b.keep.size - b.busy.size, grouped: g.nodes.length - b.keep.size } }
    }
  }
  const graph = collapse(g, (n) => (keep.has(n.id) ? null : keyOf(n)))
  const kind = keep.size > 0 ? 'problems' : 'groups'
  return { graph, overview: { kind, problems: kind === 'problems' ? problems.size : 0, neighbours: keep.size - (kind === 'problems' ? problems.size : 0), grouped: g.nodes.length - keep.size } }
}

function membersOf(g: Topology, keyOf: (n: TopologyNode) => string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const n of g.nodes) {
    const id = `group:${keyOf(n)}`
    const list = out.get(id) ?? []
    list.push(n.id)
    out.set(id, list)
  }
  return out
}

export function visibleGraph(topology: Topology, o: VisibleOptions): VisibleGraph {
  let g = topology
  let focusMissing = false
  const members = new Map<string, string[]>()
  if (o.focus) {
    const starts = focusStarts(g, o.focus, o.groupBy)
    if (groupKeyOf(o.focus) !== null) members.set(o.focus, starts)
    const keep = neighbourhood(g, starts, o.up, o.down)
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
  const groups: VisibleGraph['groups'] = []
  if (o.groupBy === 'dc' || o.groupBy === 'cluster') {
    const count = new Map<string, number>()
    for (const n of g.nodes) {
      const k = boxKeyOf(n, o.groupBy)
      if (k !== null) count.set(k, (count.get(k) ?? 0) + 1)
    }
    const sel = o.selected ? g.nodes.find((n) => n.id === o.selected) : undefined
    const selKey = sel ? boxKeyOf(sel, o.groupBy) : null
    const open = new Set(o.openGroups ?? (g.nodes.length <= OPEN_GROUPS_UP_TO ? count.keys() : selKey !== null ? [selKey] : []))
    for (const [key, n] of [...count].sort((a, b) => a[0].localeCompare(b[0]))) groups.push({ key, open: open.has(key), members: n })
    if (groups.some((x) => !x.open)) {
      const closed = (n: TopologyNode) => {
        const k = boxKeyOf(n, o.groupBy)
        return k !== null && !open.has(k) ? k : null
      }
      for (const n of g.nodes) {
        const k = closed(n)
        if (k === null) continue
        const list = members.get(`group:${k}`) ?? []
        list.push(n.id)
        members.set(`group:${k}`, list)
      }
      g = collapse(g, closed)
    }
  }
  const threshold = o.threshold ?? LARGE_GRAPH_NODES
  const collapsed = !o.focus && !o.showAll && g.nodes.length > threshold
  let cut: VisibleGraph['overview'] = null
  if (collapsed) {
    const all = membersOf(g, collapseKey(o.groupBy))
    const v = overview(g, o, threshold)
    const shown = new Set(v.graph.nodes.map((n) => n.id))
    for (const [id, list] of all) if (shown.has(id)) members.set(id, list.filter((m) => !shown.has(m)))
    g = v.graph
    cut = v.overview
  }
  const byId = new Map(topology.nodes.map((n) => [n.id, n]))
  const memberHealths = new Map<string, MemberHealth>()
  for (const n of g.nodes) {
    const list = members.get(n.id)
    if (list) memberHealths.set(n.id, memberHealth(list.flatMap((id) => byId.get(id) ?? []), o.health))
  }
  return { graph: g, collapsed, overview: cut, totalNodes: topology.nodes.length, focusMissing, members, groups, memberHealth: memberHealths }
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
