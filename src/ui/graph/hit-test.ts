import type { Core, SingularElementArgument } from 'cytoscape'
import { rendererWith } from './cy-renderer'

/**
 * Finding the element under the pointer in a big graph.
 *
 * Cytoscape's renderer answers "what is under the pointer" (at every mouse move over the graph, and
 * at every press and release, so at the start and end of every pan) by running its full test on
 * every element in turn: the node's shape, the edge's line and arrows, each of an edge's three
 * labels. On the 1,238-service graph (5,509 elements) one answer took 100–150 ms, so a press, a
 * release or a move over the graph was a long frame.
 *
 * Here the renderer's own test runs only on the elements whose bounding box (body, labels and
 * arrows; ./fast-bounds.ts makes asking for it cheap), widened by the renderer's largest
 * tolerance, holds the pointer: usually a handful. Which element is found, and its precedence
 * (the z order), are the renderer's; only elements that cannot be hit are skipped.
 */

/** An array of elements the way the renderer keeps it: z order, the interactive ones beside. */
type ZSorted = SingularElementArgument[] & { interactive: SingularElementArgument[] }

/** The renderer's members used here (Cytoscape 3.x's base renderer). */
interface HitRenderer {
  findNearestElements: (x: number, y: number, interactiveOnly: boolean, isTouch: boolean) => SingularElementArgument[]
  getCachedZSortedEles: () => ZSorted
}

function hitRendererOf(cy: Core): HitRenderer | null {
  const r = rendererWith(cy, ['findNearestElements', 'getCachedZSortedEles'])
  if (!r || typeof r.findNearestElements !== 'function' || typeof r.getCachedZSortedEles !== 'function') return null
  return r as unknown as HitRenderer
}

/**
 * The renderer's largest distance, in screen pixels, at which a touch still hits an edge (Cytoscape's
 * `findNearestElements`: 24 for an edge touched, 8 for nodes and labels; the mouse's are smaller).
 */
export const HIT_TOLERANCE_PX = 24

/**
 * The elements of `eles` (in their order) whose box, widened by `pad`, holds (x, y): the only ones
 * the renderer's test could find there.
 */
export function elementsNear(eles: readonly SingularElementArgument[], x: number, y: number, pad: number): SingularElementArgument[] {
  const out: SingularElementArgument[] = []
  for (const ele of eles) {
    const b = ele.boundingBox()
    if (x >= b.x1 - pad && x <= b.x2 + pad && y >= b.y1 - pad && y <= b.y2 + pad) out.push(ele)
  }
  return out
}

const installed = new WeakSet<object>()

/**
 * Makes the renderer of `cy` test only the elements near the pointer (see the top of this file).
 * Returns false, and changes nothing, when the renderer is not one this knows (a headless instance,
 * another renderer).
 */
export function narrowHitTests(cy: Core): boolean {
  const r = hitRendererOf(cy)
  if (!r) return false
  if (installed.has(r)) return true
  installed.add(r)
  const own = r.findNearestElements
  r.findNearestElements = function (x, y, interactiveOnly, isTouch) {
    const all = r.getCachedZSortedEles()
    const pool = interactiveOnly ? all.interactive : all
    const near = elementsNear(pool, x, y, HIT_TOLERANCE_PX / cy.zoom()) as ZSorted
    near.interactive = near
    // the renderer's own test, on the near elements only (everything else it reads is the renderer's)
    const narrowed = Object.create(r, { getCachedZSortedEles: { value: () => near } }) as HitRenderer
    return own.call(narrowed, x, y, interactiveOnly, isTouch)
  }
  return true
}
