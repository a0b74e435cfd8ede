import cytoscape from 'cytoscape'
import type { LayoutOptions } from 'cytoscape'
import dagre from 'cytoscape-dagre'
import fcose from 'cytoscape-fcose'

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
