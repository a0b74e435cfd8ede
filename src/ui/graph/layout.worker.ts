/// <reference lib="webworker" />
// Computes graph layouts off the page's main thread: the layered call flow, and the force-directed
// layout (fcose on a headless Cytoscape, loaded only when it is asked for). Answers positions only.
import type { Point } from '../../domain/topology/merge'
import { forceLayoutOptions, layeredFromInput, packPositions } from './layout-protocol'
import type { LayoutInput, LayoutRequest, LayoutResponse } from './layout-protocol'

declare const self: DedicatedWorkerGlobalScope

async function force(input: LayoutInput): Promise<Map<string, Point>> {
  const [{ default: cytoscape }, { default: fcose }] = await Promise.all([import('cytoscape'), import('cytoscape-fcose')])
  cytoscape.use(fcose)
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [
      { selector: 'node', style: { width: 30, height: 30 } },
      { selector: 'node.box', style: { padding: '18px' } },
    ],
    elements: [
      ...input.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, ...(n.parent ? { parent: n.parent } : {}) }, classes: n.box ? 'box' : '' })),
      ...input.edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
  })
  const leaves = cy.nodes().filter((n) => !n.isParent())
  cy.layout(forceLayoutOptions(leaves.length)).run()
  const out = new Map<string, Point>()
  leaves.forEach((n) => {
    out.set(n.id(), { ...n.position() })
  })
  cy.destroy()
  return out
}

self.onmessage = async (e: MessageEvent<LayoutRequest>) => {
  const { id, kind, input } = e.data
  try {
    const positions = kind === 'force' ? await force(input) : layeredFromInput(input)
    const { ids, xy } = packPositions(positions)
    const res: LayoutResponse = { id, ok: true, ids, xy }
    self.postMessage(res, [xy.buffer])
  } catch (err) {
    const res: LayoutResponse = { id, ok: false, message: err instanceof Error ? err.message : String(err) }
    self.postMessage(res)
  }
}
