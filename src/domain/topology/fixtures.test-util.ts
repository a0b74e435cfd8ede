import type { Topology, TopologyEdge, TopologyNode } from '../model'

/** Builders for topology unit tests. */
export function node(id: string, over: Partial<TopologyNode> = {}): TopologyNode {
  return {
    id, label: id, service: id, layer: 'backend', method: null, cluster: null, dc: null,
    rps: 10, errorRate: 0, p50: 1_000, p95: 5_000, p99: 10_000, peakRps: 100, capacityRps: null, health: 'ok', alerts: 0, changes: 0, silent: null,
    ...over,
  }
}

export function edge(source: string, target: string, rps: number, over: Partial<TopologyEdge> = {}): TopologyEdge {
  return { id: `${source}->${target}`, source, target, protocol: 'http', rps, errorRate: 0, p50: 1_000, p99: 10_000, silent: null, ...over }
}

export function topo(nodes: TopologyNode[], edges: TopologyEdge[]): Topology {
  return { nodes, edges, from: 0, to: 60_000, partial: null }
}
