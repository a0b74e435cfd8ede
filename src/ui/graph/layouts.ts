import cytoscape from 'cytoscape'
import type { LayoutOptions } from 'cytoscape'
import dagre from 'cytoscape-dagre'
import fcose from 'cytoscape-fcose'
import type { GraphElement } from '../../domain/topology/elements'
import { layeredPositions } from '../../domain/topology/layered-layout'
import type { Point } from '../../domain/topology/merge'

/** Layout extensions are registered once for the app. */
let registered = false
export function registerLayouts(): void {
  if (registered) return
  cytoscape.use(dagre)
  cytoscape.use(fcose)
  registered = true
}

export type GraphLayout = 'layered' | 'force'

/** Layered left-to-right call flow (dagre) or force-directed (fcose); never animated. */
export function layoutOptions(layout: GraphLayout, nodeCount: number): LayoutOptions {
  if (layout === 'force') {
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
  return {
    name: 'dagre',
    rankDir: 'LR',
    nodeSep: 24,
    rankSep: 110,
    edgeSep: 10,
    animate: false,
    fit: false,
  } as LayoutOptions
}

/** Above this many nodes the layered layout uses the fast column placement instead of dagre. */
export const FAST_LAYERED_ABOVE = 120

/** Fast layered positions; nodes in compound boxes are laid out per box, boxes stacked top to bottom. */
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
  for (const ids of groups.values()) {
    const pos = layeredPositions(ids, edges)
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
