import type { Topology, TopologyEdge, TopologyNode } from '../model'
import type { MeasuredExtra } from '../paths/measured-ratios'
import { groupKeyOf } from './grouping'
import type { GroupBy } from './grouping'

/**
 * Capacity what-if ("entry X × N"): the extra traffic is propagated along the calls of the
 * operations (the method-level graph of the same window), whatever the grouping shown, because
 * call ratios differ per operation: a service-level ratio mixes operations that call different
 * things. Ratios are edge rps / caller rps; cycles are followed until the flows converge. The
 * result is then summed (service) or split by current traffic (DC, cluster) onto the nodes shown.
 * Pure.
 */

/** Where a node's capacity comes from: declared by the data source, or its highest observed rate. */
export type CapacitySource = 'declared' | 'peak'

export interface WhatIfNode {
  id: string
  rps: number
  expectedRps: number
  /** the capacity this node is checked against (for method nodes: their service's, summed over its methods) */
  capacityRps: number
  capacitySource: CapacitySource
  /** expected rps of what the capacity covers (the node, or for method nodes the whole service) */
  load: number
  over: boolean
}

export interface WhatIfResult {
  entryId: string
  factor: number
  nodes: Map<string, WhatIfNode>
  /** expected rps per edge reached from the entry */
  edges: Map<string, number>
  /** ids of the nodes over capacity */
  over: string[]
  /**
   * 'measured': the extra load of the entry's operations along the call ratios measured in their
   * sampled traces (domain/paths/measured-ratios.ts); 'operation' when propagated on the
   * method-level graph; 'shown' when only the shown graph was available
   */
  level: 'measured' | 'operation' | 'shown'
  /** false when the flows did not settle (a cycle that calls itself at least once per call) */
  converged: boolean
  /** nodes reached, by capacity source */
  sources: Record<CapacitySource, number>
}

const MAX_SWEEPS = 10_000
const TOLERANCE = 1e-9

interface Flows {
  nodes: Map<string, number>
  edges: Map<string, number>
  converged: boolean
}

/** Extra rps per node and edge of `g` for extra inflows `inflow` (node id → rps), following every call ratio. */
export function propagate(g: Topology, inflow: ReadonlyMap<string, number>): Flows {
  const rpsOf = new Map(g.nodes.map((n) => [n.id, n.rps]))
  const incoming = new Map<string, TopologyEdge[]>()
  for (const e of g.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e])
  const ratio = (e: TopologyEdge): number => {
    const served = rpsOf.get(e.source) ?? 0
    return served > 0 ? e.rps / served : 0
  }
  const x = new Map<string, number>()
  for (const [id, v] of inflow) if (rpsOf.has(id)) x.set(id, v)
  const ids = g.nodes.map((n) => n.id)
  let converged = false
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let change = 0
    let scale = 0
    for (const id of ids) {
      let v = inflow.get(id) ?? 0
      for (const e of incoming.get(id) ?? []) v += ratio(e) * (x.get(e.source) ?? 0)
      const before = x.get(id) ?? 0
      change = Math.max(change, Math.abs(v - before))
      scale = Math.max(scale, Math.abs(v))
      if (v !== 0 || x.has(id)) x.set(id, v)
    }
    if (!Number.isFinite(scale)) break
    converged = change <= TOLERANCE * Math.max(1, scale)
  }
  const edges = new Map<string, number>()
  for (const e of g.edges) {
    const from = x.get(e.source)
    if (from !== undefined && from !== 0) edges.set(e.id, ratio(e) * from)
  }
  return { nodes: x, edges, converged }
}

/**
 * Nodes nobody calls: the candidates for "entry X". A collapsed group (`group:<key>`) is never one:
 * it is not an operation whose traffic can be multiplied, even when no call into it is drawn.
 */
export function entryNodes(topology: Topology): string[] {
  const called = new Set(topology.edges.map((e) => e.target))
  return topology.nodes.filter((n) => !called.has(n.id) && groupKeyOf(n.id) === null).map((n) => n.id)
}

/**
 * The entries offered to the what-if, each with the name a person reads rather than the node's id:
 * the service, then what the node is a part of (operation, DC, cluster or version). Sorted by name.
 */
export function entryChoices(topology: Topology): { id: string; label: string }[] {
  const ids = new Set(entryNodes(topology))
  return topology.nodes
    .filter((n) => ids.has(n.id))
    .map((n) => {
      const part = n.method ?? n.version ?? n.dc ?? n.cluster
      return { id: n.id, label: part ? `${n.service} · ${part}` : n.service }
    })
    .sort((a, b) => a.label.localeCompare(b.label))
}

/** Per edge reached from the entry: callee calls per entry call (on the graph given). */
export function callRatios(topology: Topology, entryId: string): Map<string, number> {
  return propagate(topology, new Map([[entryId, 1]])).edges
}

/** The method-level inflows of "entry × factor": each of the entry's operations by its rate (its part in the entry's DC or cluster). */
function entryInflows(shown: Topology, ops: Topology, entry: TopologyNode, factor: number): Map<string, number> {
  const siblings = shown.nodes.filter((n) => n.service === entry.service && (entry.method === null || n.method === entry.method))
  const total = siblings.reduce((a, n) => a + n.rps, 0)
  const part = total > 0 ? entry.rps / total : 0
  const called = new Set(ops.edges.map((e) => e.target))
  const out = new Map<string, number>()
  for (const n of ops.nodes) {
    if (n.service !== entry.service || called.has(n.id)) continue
    if (entry.method !== null && n.method !== entry.method) continue
    out.set(n.id, n.rps * part * (factor - 1))
  }
  return out
}

/** Spreads per-key extra over the shown items of that key, in proportion to their current rps. */
function spread<T extends { id: string; rps: number }>(items: T[], keyOf: (t: T) => string | null, extra: ReadonlyMap<string, number>): Map<string, number> {
  const groups = new Map<string, T[]>()
  for (const t of items) {
    const k = keyOf(t)
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), t])
  }
  const out = new Map<string, number>()
  for (const [k, v] of extra) {
    const members = groups.get(k) ?? []
    const total = members.reduce((a, m) => a + m.rps, 0)
    for (const m of members) out.set(m.id, (out.get(m.id) ?? 0) + (total > 0 ? (v * m.rps) / total : v / members.length))
  }
  return out
}

const sumBy = <K>(entries: Iterable<[K, number]>): Map<K, number> => {
  const out = new Map<K, number>()
  for (const [k, v] of entries) out.set(k, (out.get(k) ?? 0) + v)
  return out
}

export interface WhatIfInput {
  shown: Topology
  /** the same window grouped by method (null when the source has no per-operation graph) */
  ops: Topology | null
  groupBy: GroupBy
  entryId: string
  factor: number
  /**
   * the extra load measured from the entry's traces (per service and service pair, see
   * measuredExtra): when given, it replaces the graph's propagation
   */
  measured?: MeasuredExtra | null
}

/** The entry's operations and their part of the entry node's rate (its DC or cluster's share), from the method-level graph: what `measuredExtra` multiplies. */
export function entryOperations(shown: Topology, ops: Topology, entryId: string): { operation: string; rps: number }[] {
  const entry = shown.nodes.find((n) => n.id === entryId)
  if (!entry) return []
  const inflows = entryInflows(shown, ops, entry, 2)
  const byId = new Map(ops.nodes.map((n) => [n.id, n]))
  return [...inflows].flatMap(([id, rps]) => {
    const n = byId.get(id)
    return n?.method ? [{ operation: n.method, rps }] : []
  })
}

export function whatIf({ shown, ops, groupBy, entryId, factor, measured }: WhatIfInput): WhatIfResult {
  const entry = shown.nodes.find((n) => n.id === entryId)
  const byId = new Map(shown.nodes.map((n) => [n.id, n]))
  let nodeExtra: Map<string, number>
  let edgeExtra: Map<string, number>
  let converged: boolean
  const level: WhatIfResult['level'] = measured ? 'measured' : ops && ops.nodes.length > 0 ? 'operation' : 'shown'
  // DC and cluster nodes: the extra stays in the entry's DC (requests do not change DC)
  const inScope = (n: TopologyNode): boolean => !entry || entry.dc === null || n.dc === null || n.dc === entry.dc
  const pairOf = (e: TopologyEdge): string | null => {
    const a = byId.get(e.source)
    const b = byId.get(e.target)
    return a && b && inScope(a) && inScope(b) ? `${a.service}->${b.service}` : null
  }
  if (!entry) {
    nodeExtra = new Map()
    edgeExtra = new Map()
    converged = true
  } else if (measured) {
    converged = true
    nodeExtra = spread(shown.nodes.filter(inScope), (n) => n.service, new Map([...measured.services].map(([svc, e]) => [svc, e.value])))
    edgeExtra = spread(shown.edges, pairOf, measured.edges)
  } else if (!ops || level === 'shown' || groupBy === 'method') {
    const g = groupBy === 'method' && ops ? ops : shown
    const flows = propagate(g, new Map([[entryId, entry.rps * (factor - 1)]]))
    nodeExtra = flows.nodes
    edgeExtra = flows.edges
    converged = flows.converged
  } else {
    const flows = propagate(ops, entryInflows(shown, ops, entry, factor))
    converged = flows.converged
    const opById = new Map(ops.nodes.map((n) => [n.id, n]))
    const serviceOf = (id: string): string | undefined => opById.get(id)?.service
    const perService = sumBy([...flows.nodes].flatMap(([id, v]): [string, number][] => {
      const s = serviceOf(id)
      return s === undefined ? [] : [[s, v]]
    }))
    const opEdges = new Map(ops.edges.map((e) => [e.id, e]))
    const perPair = sumBy([...flows.edges].flatMap(([id, v]): [string, number][] => {
      const e = opEdges.get(id)
      const a = e && serviceOf(e.source)
      const b = e && serviceOf(e.target)
      return a === undefined || b === undefined ? [] : [[`${a}->${b}`, v]]
    }))
    nodeExtra = spread(shown.nodes.filter(inScope), (n) => n.service, perService)
    edgeExtra = spread(shown.edges, pairOf, perPair)
  }
  return assemble(shown, groupBy, entryId, factor, nodeExtra, edgeExtra, level, converged)
}

function assemble(shown: Topology, groupBy: GroupBy, entryId: string, factor: number, nodeExtra: Map<string, number>, edgeExtra: Map<string, number>, level: WhatIfResult['level'], converged: boolean): WhatIfResult {
  const expected = (n: TopologyNode): number => Math.max(0, n.rps + (nodeExtra.get(n.id) ?? 0))
  // a method node's declared capacity is its service's: check the service's methods together
  const unitOf = (n: TopologyNode): string => (groupBy === 'method' && n.capacityRps !== null ? `service:${n.service}` : n.id)
  const load = sumBy(shown.nodes.map((n): [string, number] => [unitOf(n), expected(n)]))
  const nodes = new Map<string, WhatIfNode>()
  const over: string[] = []
  const sources: Record<CapacitySource, number> = { declared: 0, peak: 0 }
  for (const n of shown.nodes) {
    if (!nodeExtra.has(n.id)) continue
    const declared = n.capacityRps !== null
    const capacityRps = n.capacityRps ?? n.peakRps
    const unitLoad = load.get(unitOf(n)) ?? expected(n)
    const isOver = capacityRps > 0 && unitLoad > capacityRps
    nodes.set(n.id, { id: n.id, rps: n.rps, expectedRps: expected(n), capacityRps, capacitySource: declared ? 'declared' : 'peak', load: unitLoad, over: isOver })
    sources[declared ? 'declared' : 'peak']++
    if (isOver) over.push(n.id)
  }
  const edges = new Map<string, number>()
  for (const e of shown.edges) {
    const d = edgeExtra.get(e.id)
    if (d !== undefined) edges.set(e.id, Math.max(0, e.rps + d))
  }
  return { entryId, factor, nodes, edges, over, level, converged, sources }
}
