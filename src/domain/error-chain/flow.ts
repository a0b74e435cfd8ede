/**
 * The propagation diagram's data: chains as flows from origins to where they stopped. Pure.
 * Nodes are layered by hop position (column 0 = origins), so the graph is acyclic even when a
 * service appears at different depths in different chains. Widths are estimated volumes.
 */
import type { ChainGroup } from './aggregate'

export interface FlowNode {
  /** unique: `${depth}|${service}` */
  id: string
  service: string
  depth: number
  /** the chains' last hop (entry reached, or where the error stopped) */
  terminal: boolean
  value: number
}

export interface FlowLink {
  id: string
  source: string
  target: string
  /** services at both ends, for filtering the list */
  from: string
  to: string
  value: number
}

export const flowNodeId = (depth: number, service: string) => `${depth}|${service}`

export function buildFlow(groups: readonly ChainGroup[]): { nodes: FlowNode[]; links: FlowLink[] } {
  const nodes = new Map<string, FlowNode>()
  const links = new Map<string, FlowLink>()
  for (const g of groups) {
    if (g.count === 0 || g.estimated <= 0) continue
    // consecutive hops of the same service (rare: a service calling itself) collapse into one node
    const services = g.hops.map((h) => h.service).filter((s, i, all) => i === 0 || all[i - 1] !== s)
    services.forEach((service, depth) => {
      const id = flowNodeId(depth, service)
      const n = nodes.get(id) ?? { id, service, depth, terminal: false, value: 0 }
      n.value += g.estimated
      if (depth === services.length - 1) n.terminal = true
      nodes.set(id, n)
      if (depth === 0) return
      const from = services[depth - 1] as string
      const source = flowNodeId(depth - 1, from)
      const lid = `${source}>${id}`
      const l = links.get(lid) ?? { id: lid, source, target: id, from, to: service, value: 0 }
      l.value += g.estimated
      links.set(lid, l)
    })
  }
  return { nodes: [...nodes.values()], links: [...links.values()] }
}

/** A click on the diagram: chains through a service, or through one call between two services. */
export type FlowPick = { service: string } | { from: string; to: string }

export function parsePick(value: string | null): FlowPick | null {
  if (!value) return null
  const i = value.indexOf('>')
  if (i < 0) return { service: value }
  return { from: value.slice(0, i), to: value.slice(i + 1) }
}

export const formatPick = (p: FlowPick): string => ('service' in p ? p.service : `${p.from}>${p.to}`)

export function matchesPick(g: Pick<ChainGroup, 'hops'>, pick: FlowPick | null): boolean {
  if (!pick) return true
  const services = g.hops.map((h) => h.service)
  if ('service' in pick) return services.includes(pick.service)
  return services.some((s, i) => i > 0 && services[i - 1] === pick.from && s === pick.to)
}
