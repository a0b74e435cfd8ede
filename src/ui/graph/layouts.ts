import cytoscape from 'cytoscape'
import type { LayoutOptions } from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import { layeredPositions } from '../../domain/topology/layered-layout'
import type { Point } from '../../domain/topology/merge'

let forceLayout: Promise<void> | null = null
/**
 * fcose and its layout engines are loaded and registered the first time the force-directed layout
 * is asked for: the default layered view never pays for evaluating them.
 */
export function loadForceLayout(): Promise<void> {
  forceLayout ??= import('cytoscape-fcose').then((m) => {
    cytoscape.use(m.default)
  })
  return forceLayout
}

export type GraphLayout = 'layered' | 'force'

/** Options of the force-directed layout (fcose), never animated; the layered one is computed by fastLayeredPositions. */
export function layoutOptions(nodeCount: number): LayoutOptions {
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

/** Layered left-to-right call flow (fast column placement, computed before drawing); nodes in compound boxes are laid out per box, boxes stacked top to bottom. */
export function fastLayeredPositions(elements: readonly GraphElement[]): Map<string, Point> {
  const boxIds = new Set(elements.filter((e) => e.classes.includes('box')).map((e) => e.data.id))
  const groups = new Map<string, string[]>()
  for (const e of elements) {
    if (e.group !== 'nodes' || boxIds.has(e.data.id)) continue
    const key = e.data.parent ?? ''
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)?.push(e.data.id)
  }
  const edges = elements.filter((e) => e.group === 'edges').map((e) => ({ source: e.data.source ?? '', target: e.data.target ?? '' }))
  const out = new Map<string, Point>()
  let top = 0
  // small graphs get room for two-line labels; big ones stay compact enough to read as a whole
  const nodeCount = [...groups.values()].reduce((n, ids) => n + ids.length, 0)
  const spacing = nodeCount <= 150 ? { rankGap: 210, nodeGap: 84 } : { rankGap: 180, nodeGap: 56 }
  for (const ids of groups.values()) {
    const pos = layeredPositions(ids, edges, spacing)
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
