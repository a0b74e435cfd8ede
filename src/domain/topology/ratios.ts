import type { Topology } from '../model'

/**
 * Traffic estimation along call ratios (the seed platform's capacity what-if). A node's calls
 * to a callee are assumed proportional to the requests it serves: share = edge rps / caller rps.
 * Flows are propagated from one entry node in call order; calls closing a cycle are ignored.
 */
export interface Flow {
  /** extra requests/s arriving at each reached node */
  nodes: Map<string, number>
  /** extra requests/s on each reached edge, by edge id */
  edges: Map<string, number>
}

export function propagateFromEntry(topology: Topology, entryId: string, entryRps: number): Flow {
  const nodeRps = new Map(topology.nodes.map((n) => [n.id, n.rps]))
  const out = new Map<string, Topology['edges']>()
  for (const e of topology.edges) {
    if (!out.has(e.source)) out.set(e.source, [])
    out.get(e.source)?.push(e)
  }
  const flow: Flow = { nodes: new Map(), edges: new Map() }
  if (!nodeRps.has(entryId)) return flow
  // depth-first order: reverse post-order is a topological order once back edges are dropped
  const order: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const backEdges = new Set<string>()
  const visit = (start: string) => {
    const stack: { id: string; i: number }[] = [{ id: start, i: 0 }]
    state.set(start, 'open')
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const edges = out.get(top.id) ?? []
      if (top.i < edges.length) {
        const e = edges[top.i++]
        const s = state.get(e.target)
        if (s === 'open') backEdges.add(e.id)
        else if (s === undefined) {
          state.set(e.target, 'open')
          stack.push({ id: e.target, i: 0 })
        }
      } else {
        state.set(top.id, 'done')
        order.push(top.id)
        stack.pop()
      }
    }
  }
  visit(entryId)
  order.reverse()
  flow.nodes.set(entryId, entryRps)
  for (const id of order) {
    const inflow = flow.nodes.get(id) ?? 0
    const served = nodeRps.get(id) ?? 0
    for (const e of out.get(id) ?? []) {
      if (backEdges.has(e.id) || e.target === e.source) continue
      const extra = served > 0 ? (inflow * e.rps) / served : 0
      flow.edges.set(e.id, (flow.edges.get(e.id) ?? 0) + extra)
      flow.nodes.set(e.target, (flow.nodes.get(e.target) ?? 0) + extra)
    }
  }
  return flow
}

/** Per edge reached from the entry: callee calls per entry call. */
export function callRatios(topology: Topology, entryId: string): Map<string, number> {
  return propagateFromEntry(topology, entryId, 1).edges
}

export interface WhatIfNode {
  id: string
  rps: number
  expectedRps: number
  peakRps: number
  /** expected rps above the highest rps observed over the last day */
  overPeak: boolean
}

export interface WhatIfResult {
  entryId: string
  factor: number
  nodes: Map<string, WhatIfNode>
  /** expected rps per edge reached from the entry */
  edges: Map<string, number>
  overPeak: string[]
}

/** "entry × factor": expected rps of every node downstream, and those above their observed peak. */
export function whatIf(topology: Topology, entryId: string, factor: number): WhatIfResult {
  const entry = topology.nodes.find((n) => n.id === entryId)
  const extra = entry ? entry.rps * (factor - 1) : 0
  const flow = propagateFromEntry(topology, entryId, extra)
  const nodes = new Map<string, WhatIfNode>()
  const overPeak: string[] = []
  for (const n of topology.nodes) {
    const delta = flow.nodes.get(n.id)
    if (delta === undefined) continue
    const expectedRps = Math.max(0, n.rps + delta)
    const over = n.peakRps > 0 && expectedRps > n.peakRps
    nodes.set(n.id, { id: n.id, rps: n.rps, expectedRps, peakRps: n.peakRps, overPeak: over })
    if (over) overPeak.push(n.id)
  }
  const edges = new Map<string, number>()
  for (const e of topology.edges) {
    const delta = flow.edges.get(e.id)
    if (delta !== undefined) edges.set(e.id, Math.max(0, e.rps + delta))
  }
  return { entryId, factor, nodes, edges, overPeak }
}

/** Nodes nobody calls: the candidates for "entry X". */
export function entryNodes(topology: Topology): string[] {
  const called = new Set(topology.edges.map((e) => e.target))
  return topology.nodes.filter((n) => !called.has(n.id)).map((n) => n.id)
}
