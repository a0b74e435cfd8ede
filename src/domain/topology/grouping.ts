import type { Health, Silence, Topology, TopologyNode } from '../model'
import { errorLevel } from './health'

/** The silence of a group: the stretch any member was silent, whole only when every member was wholly silent. */
export function mergeSilence(list: readonly (Silence | null)[]): Silence | null {
  const s = list.filter((x): x is Silence => x !== null)
  if (s.length === 0) return null
  return {
    from: Math.min(...s.map((x) => x.from)),
    to: Math.max(...s.map((x) => x.to)),
    seconds: Math.max(...s.map((x) => x.seconds)),
    whole: s.length === list.length && s.every((x) => x.whole),
  }
}

/** Compound boxes (DC, cluster) and collapsing of large graphs. Pure. */
export type GroupBy = 'service' | 'method' | 'cluster' | 'dc' | 'version'

export interface Box {
  id: string
  label: string
}

/** The compound box a node belongs to, or null when the grouping draws no boxes. */
export function boxOf(node: Pick<TopologyNode, 'dc' | 'cluster'>, groupBy: GroupBy): Box | null {
  if (groupBy === 'dc' && node.dc) return { id: `box:dc:${node.dc}`, label: node.dc }
  if (groupBy === 'cluster' && node.cluster) return { id: `box:cluster:${node.cluster}`, label: node.cluster }
  return null
}

export function boxes(nodes: readonly TopologyNode[], groupBy: GroupBy): Box[] {
  const out = new Map<string, Box>()
  for (const n of nodes) {
    const b = boxOf(n, groupBy)
    if (b && !out.has(b.id)) out.set(b.id, b)
  }
  return [...out.values()].sort((a, b) => a.label.localeCompare(b.label))
}

/** Above this many nodes the view starts collapsed instead of drawing everything. */
export const LARGE_GRAPH_NODES = 400

const HEALTH_RANK: Record<Health, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 }

/**
 * Collapses nodes into one node per group (e.g. per DC, cluster or layer); a node whose key is
 * null stays as it is, and its calls to a group are summed per group. Rps summed, error rate
 * weighted by rps, health judged on those own figures (`groupHealth`: the error rate of all its
 * members' calls, never its worst member's verdict, which `memberHealth` counts apart); edges
 * between groups summed. A group's own percentiles cannot
 * be had from its members' percentiles (no quantile of quantiles): p50/p95/p99 are the highest
 * member's, marked `latencyBasis: 'worst-member'` so every view says so.
 * Node ids are `group:<key>`; the group's member count is in `label`.
 */
export function collapse(topology: Topology, keyOf: (n: TopologyNode) => string | null): Topology {
  const groups = new Map<string, TopologyNode[]>()
  // node id → id of the node standing for it (its group's, or its own when kept as it is)
  const groupOf = new Map<string, string>()
  const kept: TopologyNode[] = []
  for (const n of topology.nodes) {
    const k = keyOf(n)
    if (k === null) {
      kept.push(n)
      groupOf.set(n.id, n.id)
      continue
    }
    groupOf.set(n.id, `group:${k}`)
    if (!groups.has(k)) groups.set(k, [])
    groups.get(k)?.push(n)
  }
  const grouped: TopologyNode[] = [...groups].map(([k, members]) => {
    const rps = members.reduce((s, m) => s + m.rps, 0)
    const errors = members.reduce((s, m) => s + m.rps * m.errorRate, 0)
    return {
      id: `group:${k}`,
      label: `${k} (${members.length})`,
      service: k,
      layer: members[0].layer,
      method: null,
      cluster: null,
      dc: null,
      rps,
      errorRate: rps > 0 ? errors / rps : 0,
      p50: Math.max(...members.map((m) => m.p50)),
      p95: Math.max(...members.map((m) => m.p95)),
      p99: Math.max(...members.map((m) => m.p99)),
      latencyBasis: members.every((m) => m.latencyBasis === 'none') ? 'none' : 'worst-member',
      errorsUnknown: members.some((m) => m.errorsUnknown === true) || undefined,
      peakRps: members.reduce((s, m) => s + m.peakRps, 0),
      peakIsWindowRate: members.some((m) => m.peakIsWindowRate === true) || undefined,
      capacityRps: members.every((m) => m.capacityRps !== null) ? members.reduce((s, m) => s + (m.capacityRps ?? 0), 0) : null,
      health: groupHealth(members, rps > 0 ? errors / rps : 0),
      alerts: members.reduce((s, m) => s + m.alerts, 0),
      changes: members.reduce((s, m) => s + m.changes, 0),
      silent: mergeSilence(members.map((m) => m.silent)),
    }
  })
  const nodes = [...kept, ...grouped]
  // calls between the same two drawn nodes, summed once they are all known (not one new call per member)
  type Sum = { first: Topology['edges'][number]; id: string; source: string; target: string; n: number; rps: number; errors: number; p50: number; p99: number; errorsUnknown: boolean; silent: (Topology['edges'][number]['silent'])[] }
  const edges = new Map<string, Topology['edges'][number] | Sum>()
  for (const e of topology.edges) {
    const s = groupOf.get(e.source)
    const t = groupOf.get(e.target)
    if (s === undefined || t === undefined || s === t) continue
    if (s === e.source && t === e.target) {
      edges.set(e.id, e)
      continue
    }
    const id = `${s}->${t}`
    const sum = edges.get(id)
    // (a call between two nodes kept as they are never has the id of a summed one, which has a group at an end)
    if (!sum || !('first' in sum)) {
      edges.set(id, { first: e, id, source: s, target: t, n: 1, rps: e.rps, errors: e.rps * e.errorRate, p50: e.p50, p99: e.p99, errorsUnknown: e.errorsUnknown === true, silent: [e.silent] })
      continue
    }
    sum.n += 1
    sum.rps += e.rps
    sum.errors += e.rps * e.errorRate
    if (e.p50 > sum.p50) sum.p50 = e.p50
    if (e.p99 > sum.p99) sum.p99 = e.p99
    if (e.errorsUnknown === true) sum.errorsUnknown = true
    sum.silent.push(e.silent)
  }
  const edgeOf = (x: Topology['edges'][number] | Sum): Topology['edges'][number] => {
    if (!('first' in x)) return x
    const e = x.first
    const merged = { ...e, id: x.id, source: x.source, target: x.target, latencyBasis: e.latencyBasis === 'none' ? ('none' as const) : ('worst-member' as const) }
    if (x.n === 1) return merged
    return { ...merged, rps: x.rps, errorRate: x.rps > 0 ? x.errors / x.rps : 0, p50: x.p50, p99: x.p99, errorsUnknown: x.errorsUnknown || undefined, silent: mergeSilence(x.silent) }
  }
  return { ...topology, nodes, edges: Array.from(edges.values(), edgeOf) }
}

/**
 * A group's own health: judged on its own error rate (all its members' calls: ≥ 5 % critical,
 * ≥ 1 % warning), as a node is; unknown when no member has data or the errors are not reported.
 * Alerts and latency belong to services, not to the group, so they do not judge it: a DC whose
 * calls fail at 0.46 % is not painted critical because one of its 41 services is (its members'
 * verdicts are counted apart, `memberHealth`).
 */
export function groupHealth(members: readonly Pick<TopologyNode, 'health' | 'errorsUnknown'>[], errorRate: number): Health {
  if (members.length === 0 || members.every((m) => m.health === 'unknown') || members.some((m) => m.errorsUnknown === true)) return 'unknown'
  return errorLevel(errorRate)
}

/** How many of a group's members are in each health, and the worst of them (for "worst member: … critical"). */
export interface MemberHealth {
  counts: Record<Health, number>
  worst: Health
  /** the busiest member in the worst health */
  worstMember: string | null
}

export function memberHealth(members: readonly Pick<TopologyNode, 'id' | 'label' | 'rps' | 'health'>[], health: ReadonlyMap<string, Health>): MemberHealth {
  const counts: Record<Health, number> = { ok: 0, warning: 0, critical: 0, unknown: 0 }
  let worst: { health: Health; label: string; rps: number } | null = null
  for (const m of members) {
    const h = health.get(m.id) ?? m.health
    counts[h] += 1
    const rank = HEALTH_RANK[h] - (worst ? HEALTH_RANK[worst.health] : -1)
    if (rank > 0 || (rank === 0 && worst !== null && m.rps > worst.rps)) worst = { health: h, label: m.label, rps: m.rps }
  }
  const w = worst?.health ?? 'ok'
  return { counts, worst: w, worstMember: worst && w !== 'ok' ? worst.label : null }
}

/** The group of a collapsed node id (`group:<key>`), or null for any other id. */
export function groupKeyOf(id: string): string | null {
  return id.startsWith('group:') ? id.slice('group:'.length) : null
}

/** The collapse key for a large graph: DC or cluster when the nodes carry one, else the layer. */
export function collapseKey(groupBy: GroupBy): (n: TopologyNode) => string {
  if (groupBy === 'dc') return (n) => n.dc ?? n.layer
  if (groupBy === 'cluster') return (n) => n.cluster ?? n.layer
  return (n) => n.layer
}
