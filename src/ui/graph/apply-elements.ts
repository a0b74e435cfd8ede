import type { Core, ElementDefinition, NodeSingular, SingularElementReturnValue } from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import { placeNewNodes } from '../../domain/topology/merge'
import type { Point } from '../../domain/topology/merge'

/**
 * How element updates reach a Cytoscape graph (the graph view's effects call these): what is drawn
 * when a graph is laid out from scratch, and how a later answer is applied on top of what is on
 * screen. Pure of React; the view keeps the instance, the timers and the waiting labels.
 */

/** Zoom levels under which node and edge labels are not drawn (see GraphViewProps.labelMinZoom). */
export type LabelMinZoom = { nodes: number; edges: number } | undefined

/** ms a vanished element fades (its `vanishing` class) before it is removed. */
export const FADE_MS = 450

/** The elements that can be drawn: every node, and the edges whose two ends are among them. */
export function drawableElements(elements: readonly GraphElement[]): GraphElement[] {
  const ids = new Set(elements.filter((e) => e.group === 'nodes').map((e) => e.data.id))
  return elements.filter((e) => e.group === 'nodes' || (ids.has(e.data.source ?? '') && ids.has(e.data.target ?? '')))
}

export const toDefinition = (el: GraphElement, position?: Point): ElementDefinition => ({
  group: el.group,
  data: { ...el.data },
  classes: el.classes,
  ...(position ? { position: { ...position } } : {}),
})

/** Which labels can be seen at this zoom; everything when no thresholds are given. */
export function labelsShown(cy: Core, min: LabelMinZoom): { nodes: boolean; edges: boolean } {
  const z = cy.zoom()
  return { nodes: !min || z >= min.nodes, edges: !min || z >= min.edges }
}

/**
 * Whether a model position is on screen or near it (half a screen around it): labels are written
 * there first, and only where the view can show them.
 */
export function nearView(cy: Core): (p: Point) => boolean {
  const e = cy.extent()
  const mx = e.w / 2
  const my = e.h / 2
  return (p) => p.x >= e.x1 - mx && p.x <= e.x2 + mx && p.y >= e.y1 - my && p.y <= e.y2 + my
}

/**
 * The definitions of a graph drawn from scratch at `positions` (the viewport already framed on
 * them). Labels too small to be drawn at this zoom, or of nodes far out of view, are left empty and
 * put in `deferred` (id → label), so they are not measured now; they wait for the zoom.
 */
export function initialDefinitions(cy: Core, elements: readonly GraphElement[], positions: ReadonlyMap<string, Point>, labelMinZoom: LabelMinZoom, deferred: Map<string, string>): ElementDefinition[] {
  const shown = labelsShown(cy, labelMinZoom)
  const near = nearView(cy)
  return elements.map((e) => {
    const p = positions.get(e.data.id)
    const def = toDefinition(e, p)
    const show = e.group === 'nodes' ? shown.nodes && (!p || near(p)) : shown.edges
    if (!show && e.data.label) {
      deferred.set(e.data.id, e.data.label)
      def.data.label = ''
    }
    return def
  })
}

/** Positions of the nodes on screen (not boxes, not fading out). */
function knownPositions(cy: Core): Map<string, Point> {
  const known = new Map<string, Point>()
  cy.nodes().forEach((n) => {
    if (!n.isParent() && !n.hasClass('vanishing')) known.set(n.id(), { ...n.position() })
  })
  return known
}

export interface UpdateState {
  /** fade-out timers of vanishing elements, by id */
  timers: Map<string, ReturnType<typeof setTimeout>>
  /** labels waiting to be written (too small to be drawn, or out of view), by id */
  deferred: Map<string, string>
  labelMinZoom: LabelMinZoom
}

/**
 * Applies a new answer to the graph on screen without moving what the user sees: elements still
 * there keep their positions and change only the data and classes that differ (a label that
 * cannot be seen now waits in `deferred`), new nodes are placed next to their neighbours, new
 * edges are added, and elements no longer in the answer fade out (`vanishing`) and are removed
 * after FADE_MS unless they come back first.
 */
export function applyUpdate(cy: Core, elements: readonly GraphElement[], state: UpdateState): void {
  const { timers, deferred } = state
  const wanted = new Set(elements.map((e) => e.data.id))
  const added = elements.filter((e) => cy.getElementById(e.data.id).empty())
  const addedNodes = added.filter((e) => e.group === 'nodes')
  // a tick that brings no new node (the usual live refresh) places nothing: no positions are read
  const placed = addedNodes.length === 0 ? new Map<string, Point>() : placeNewNodes(
    knownPositions(cy),
    addedNodes.map((e) => e.data.id),
    elements.filter((e) => e.group === 'edges').map((e) => ({ source: e.data.source ?? '', target: e.data.target ?? '' })),
  )
  const shown = labelsShown(cy, state.labelMinZoom)
  // on a big graph (label thresholds given), labels far out of view also wait until they come near
  const near = state.labelMinZoom ? nearView(cy) : () => true
  const inView = (ele: SingularElementReturnValue) =>
    ele.isEdge() ? near(ele.source().position()) || near(ele.target().position()) : near((ele as NodeSingular).position())
  cy.batch(() => {
    for (const e of elements) {
      const existing = cy.getElementById(e.data.id)
      if (existing.empty()) continue
      const t = timers.get(e.data.id)
      if (t) {
        clearTimeout(t)
        timers.delete(e.data.id)
      }
      const patch: { label?: string; width?: number; name?: string } = {}
      if (e.data.name !== undefined && existing.data('name') !== e.data.name) patch.name = e.data.name
      if (existing.data('label') === e.data.label) deferred.delete(e.data.id)
      else if ((e.group === 'nodes' ? shown.nodes : shown.edges) && inView(existing)) {
        patch.label = e.data.label
        deferred.delete(e.data.id)
      } else deferred.set(e.data.id, e.data.label)
      if (existing.data('width') !== e.data.width) patch.width = e.data.width
      if (patch.label !== undefined || 'width' in patch || patch.name !== undefined) existing.data(patch)
      const cls = e.classes.join(' ')
      if (existing.classes().join(' ') !== cls) existing.classes(e.classes)
    }
    if (added.length > 0) {
      cy.add(addedNodes.map((e) => toDefinition(e, placed.get(e.data.id))))
      cy.add(added.filter((e) => e.group === 'edges').map((e) => toDefinition(e)))
    }
    // every element of the answer is on screen; when they are all there is, nothing has vanished
    if (added.length === 0 && cy.elements().length === wanted.size) return
    cy.elements().forEach((ele) => {
      const id = ele.id()
      if (wanted.has(id) || timers.has(id)) return
      ele.addClass('vanishing')
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id)
          const gone = cy.getElementById(id)
          if (gone.nonempty() && gone.hasClass('vanishing')) cy.remove(gone)
        }, FADE_MS),
      )
    })
  })
}
