import type { LayoutOptions } from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import { layeredPositions } from '../../domain/topology/layered-layout'
import type { Point } from '../../domain/topology/merge'

/** What a layout needs of the graph: ids, compound parents, which nodes are boxes, and the calls. */
export interface LayoutInput {
  nodes: { id: string; parent?: string; box: boolean }[]
  edges: { source: string; target: string }[]
}

export type LayoutRequest = { id: number; kind: 'layered' | 'force'; input: LayoutInput }
export type LayoutResponse = { id: number; ok: true; ids: string[]; xy: Float64Array } | { id: number; ok: false; message: string }

export function layoutInput(elements: readonly GraphElement[]): LayoutInput {
  const nodes: LayoutInput['nodes'] = []
  const edges: LayoutInput['edges'] = []
  for (const e of elements) {
    if (e.group === 'nodes') nodes.push({ id: e.data.id, ...(e.data.parent ? { parent: e.data.parent } : {}), box: e.classes.includes('box') })
    else edges.push({ source: e.data.source ?? '', target: e.data.target ?? '' })
  }
  return { nodes, edges }
}

/** Positions as two flat lists (ids, x/y pairs), cheap to send between threads. */
export function packPositions(positions: ReadonlyMap<string, Point>): { ids: string[]; xy: Float64Array } {
  const ids = [...positions.keys()]
  const xy = new Float64Array(ids.length * 2)
  ids.forEach((id, i) => {
    const p = positions.get(id)
    xy[i * 2] = p?.x ?? 0
    xy[i * 2 + 1] = p?.y ?? 0
  })
  return { ids, xy }
}

export function unpackPositions(ids: readonly string[], xy: Float64Array): Map<string, Point> {
  const out = new Map<string, Point>()
  ids.forEach((id, i) => out.set(id, { x: xy[i * 2], y: xy[i * 2 + 1] }))
  return out
}

/** Layered left-to-right call flow; nodes in compound boxes are laid out per box, boxes stacked top to bottom. */
export function layeredFromInput(input: LayoutInput): Map<string, Point> {
  const groups = new Map<string, string[]>()
  for (const n of input.nodes) {
    if (n.box) continue
    const key = n.parent ?? ''
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)?.push(n.id)
  }
  const out = new Map<string, Point>()
  let top = 0
  // small graphs get room for two-line labels; big ones stay compact enough to read as a whole
  const nodeCount = [...groups.values()].reduce((n, ids) => n + ids.length, 0)
  const spacing = nodeCount <= 150 ? { rankGap: 240, nodeGap: 84 } : { rankGap: 180, nodeGap: 56 }
  for (const ids of groups.values()) {
    const pos = layeredPositions(ids, input.edges, spacing)
    let minY = Infinity
    let maxY = -Infinity
    for (const p of pos.values()) {
      minY = Math.min(minY, p.y)
      maxY = Math.max(maxY, p.y)
    }
    for (const [id, p] of pos) out.set(id, { x: p.x, y: p.y - minY + top })
    top += maxY - minY + 140
  }
  return out
}

/** Options of the force-directed layout (fcose), never animated. */
export function forceLayoutOptions(nodeCount: number): LayoutOptions {
  return {
    name: 'fcose',
    animate: false,
    quality: nodeCount > 300 ? 'draft' : 'default',
    randomize: true,
    nodeRepulsion: () => 8000,
    idealEdgeLength: () => 90,
    nodeSeparation: 80,
    packComponents: true,
    fit: false,
  } as LayoutOptions
}
