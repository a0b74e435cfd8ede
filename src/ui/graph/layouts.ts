import cytoscape from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import type { Point } from '../../domain/topology/merge'
import { forceLayoutOptions, layeredFromInput, layoutInput } from './layout-protocol'

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
export const layoutOptions = forceLayoutOptions

/** Layered left-to-right call flow (fast column placement, computed before drawing); nodes in compound boxes are laid out per box, boxes stacked top to bottom. */
export function fastLayeredPositions(elements: readonly GraphElement[]): Map<string, Point> {
  return layeredFromInput(layoutInput(elements))
}
