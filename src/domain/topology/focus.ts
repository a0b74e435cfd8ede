import type { Topology } from '../model'

/** Focus, find and "problems only": which parts of a graph to show. Pure. */

/** Nodes within `up` hops upstream (callers) and `down` hops downstream (callees) of `focus` (a node id or service, or the nodes given). */
export function neighbourhood(topology: Topology, focus: string | readonly string[], up: number, down: number): Set<string> {
  const keep = new Set<string>()
  const starts = typeof focus === 'string' ? topology.nodes.filter((n) => n.id === focus || n.service === focus).map((n) => n.id) : [...focus]
  if (starts.length === 0) return keep
  const walk = (dir: 'up' | 'down', depth: number) => {
    let frontier = starts
    const seen = new Set(starts)
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = []
      const set = new Set(frontier)
      for (const e of topology.edges) {
        const [from, to] = dir === 'down' ? [e.source, e.target] : [e.target, e.source]
        if (set.has(from) && !seen.has(to)) {
          seen.add(to)
          next.push(to)
        }
      }
      frontier = next
    }
    for (const id of seen) keep.add(id)
  }
  walk('up', up)
  walk('down', down)
  return keep
}

/** The sub-graph on the kept nodes (edges between kept nodes only). */
export function subgraph(topology: Topology, keep: ReadonlySet<string>): Topology {
  return {
    ...topology,
    nodes: topology.nodes.filter((n) => keep.has(n.id)),
    edges: topology.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  }
}

/** Case-insensitive substring match on id, label and service; empty query matches nothing. */
export function findNodes(topology: Topology, query: string): string[] {
  const q = query.trim().toLowerCase()
  if (!q) return []
  return topology.nodes
    .filter((n) => n.id.toLowerCase().includes(q) || n.label.toLowerCase().includes(q) || n.service.toLowerCase().includes(q))
    .map((n) => n.id)
}

/** Service names for the focus autocomplete, best matches first (prefix before substring). */
export function suggestServices(services: readonly string[], query: string, limit = 8): string[] {
  const q = query.trim().toLowerCase()
  if (!q) return services.slice(0, limit)
  const prefix = services.filter((s) => s.toLowerCase().startsWith(q))
  const inner = services.filter((s) => !s.toLowerCase().startsWith(q) && s.toLowerCase().includes(q))
  return [...prefix, ...inner].slice(0, limit)
}
