import type { Topology, TopologyEdge, TopologyNode } from '../../domain/model'

export interface JaegerDependency {
  parent: string
  child: string
  callCount: number
}

/**
 * Jaeger's dependency links → a topology. Jaeger stores call counts only, so rates are counts over the
 * window, and error rates and latencies are unknown: health is "unknown" and the answer says why.
 */
export function dependenciesToTopology(links: readonly JaegerDependency[], from: number, to: number): Topology {
  const seconds = Math.max(1, (to - from) / 1000)
  const incoming = new Map<string, number>()
  const outgoing = new Map<string, number>()
  const edges = links.map((l): TopologyEdge => {
    incoming.set(l.child, (incoming.get(l.child) ?? 0) + l.callCount)
    outgoing.set(l.parent, (outgoing.get(l.parent) ?? 0) + l.callCount)
    return { id: `${l.parent}->${l.child}`, source: l.parent, target: l.child, protocol: 'rpc', rps: l.callCount / seconds, errorRate: 0, p50: 0, p99: 0, latencyBasis: 'none', errorsUnknown: true, silent: null }
  })
  const names = [...new Set(links.flatMap((l) => [l.parent, l.child]))].sort()
  const nodes: TopologyNode[] = names.map((name) => {
    const rps = (incoming.get(name) ?? outgoing.get(name) ?? 0) / seconds
    return {
      id: name,
      label: name,
      service: name,
      layer: incoming.has(name) ? 'service' : 'entry',
      method: null,
      cluster: null,
      dc: null,
      rps,
      errorRate: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      latencyBasis: 'none',
      errorsUnknown: true,
      peakRps: rps,
      peakIsWindowRate: true,
      capacityRps: null,
      health: 'unknown',
      alerts: 0,
      changes: 0,
      silent: null,
    }
  })
  return {
    nodes,
    edges,
    from,
    to,
    partial: { missingDcs: [], reason: 'Jaeger’s dependency graph has call counts only: error rates and latencies need a metrics store (Prometheus).' },
  }
}
