import type { Core } from 'cytoscape'
import { hasMembers, rendererWith } from './cy-renderer'

/**
 * Getting a big graph's layers drawn before the user's gesture needs them.
 *
 * Cytoscape's canvas renderer draws a big graph from layers: the graph drawn beforehand on a few
 * offscreen canvases per zoom level, so that a frame is a few image copies. It starts a level's
 * layers only from a redraw that comes more than 250 ms after the last change to the elements, and
 * then draws them over later frames, within a frame budget. A graph that was drawn (in chunks, or by
 * a live update) and then left still gets no such redraw: the first frame that starts the layers is
 * the one at the end of the user's first pan, which then draws every element one by one (0.2–0.5 s
 * on the 1,238-service graph).
 *
 * Here, once the elements have been still for that long and no gesture is on, the layers of the
 * level on screen are started the way such a redraw starts them; Cytoscape's own dequeuing draws
 * them in the following frames and redraws from them when they are done. A big graph then pans and
 * zooms on them (`chooseViewportDrawing`).
 */

/** Cytoscape's layered texture cache, the members used here (Cytoscape 3.x). */
interface LayerCache {
  firstGet: boolean
  skipping: boolean
  lastInvalidationTime: number
  layersQueue: { size: () => number }
  levelIsComplete: (lvl: number, eles: unknown[]) => boolean
  getLayers: (eles: unknown[], pxRatio: number) => unknown
}

/** The canvas renderer's members used here (Cytoscape 3.x). */
interface LayerRenderer {
  data: { lyrTxrCache?: LayerCache; wheelZooming?: boolean }
  textureOnViewport: boolean
  hideEdgesOnViewport: boolean
  textureCache: unknown
  hoverData?: { dragging?: boolean; draggingEles?: boolean }
  pinching?: boolean
  swipePanning?: boolean
  destroyed?: boolean
  beforeRender: (fn: (willDraw: boolean, now: number) => void, priority: number) => void
  getCachedZSortedEles: () => { nondrag: unknown[] }
  getPixelRatio: () => number
}

/** Cytoscape's layered texture cache's constants: the quiet time after a change, and the levels that have layers. */
const QUIET_MS = 250
export const MIN_LEVEL = -4
export const MAX_LEVEL = 2
const MAX_ZOOM = 3.99
/** How often, at most, the level on screen is looked at. */
const CHECK_EVERY_MS = 150

const RENDERER_MEMBERS = ['data', 'beforeRender', 'getCachedZSortedEles', 'getPixelRatio', 'textureOnViewport', 'hideEdgesOnViewport'] as const
const CACHE_MEMBERS = ['getLayers', 'levelIsComplete', 'layersQueue', 'lastInvalidationTime'] as const

function layerRendererOf(cy: Core): LayerRenderer | null {
  const r = rendererWith(cy, RENDERER_MEMBERS)
  const data: unknown = r?.data
  if (!r || !hasMembers(data, ['lyrTxrCache']) || !hasMembers(data.lyrTxrCache, CACHE_MEMBERS)) return null
  return r as unknown as LayerRenderer
}

/**
 * The layered cache's level for a zoom (Cytoscape's `getLayers`): null where it draws without layers.
 */
export function layerLevel(zoom: number, pxRatio: number): number | null {
  const lvl = Math.ceil(Math.log2(zoom * pxRatio))
  if (lvl < MIN_LEVEL) return MIN_LEVEL
  if (zoom >= MAX_ZOOM || lvl > MAX_LEVEL) return null
  return lvl
}

/**
 * Starts the layers of the level on screen once the graph is still (see the top of this file).
 * Returns false, and changes nothing, when the renderer is not Cytoscape 3.x's canvas renderer.
 */
export function warmLayers(cy: Core): boolean {
  const r = layerRendererOf(cy)
  const c = r?.data.lyrTxrCache
  if (!r || !c) return false
  let lastCheck = 0
  r.beforeRender((willDraw, now) => {
    // a frame that draws starts the layers itself when it may
    if (willDraw || r.destroyed || now - lastCheck < CHECK_EVERY_MS) return
    lastCheck = now
    if (c.firstGet || now - c.lastInvalidationTime <= QUIET_MS || c.layersQueue.size() > 0) return
    if (r.pinching || r.swipePanning || r.data.wheelZooming || r.hoverData?.dragging || r.hoverData?.draggingEles || cy.animated()) return
    const pxRatio = r.getPixelRatio()
    const lvl = layerLevel(cy.zoom(), pxRatio)
    if (lvl === null) return
    const eles = r.getCachedZSortedEles().nondrag
    if (eles.length === 0 || c.levelIsComplete(lvl, eles)) return
    // queues the level's layers (a redraw's first step); Cytoscape's dequeuing draws them
    c.getLayers(eles, pxRatio)
  }, 50)
  return true
}

/**
 * Whether the renderer can draw the graph from complete layers now: those of the level on screen,
 * or, between two levels while zooming, those of another level (Cytoscape draws them scaled while it
 * makes the new ones). Not while the elements have just changed (Cytoscape then draws without layers).
 */
function layersReady(cy: Core, r: LayerRenderer, c: LayerCache): boolean {
  if (c.skipping || c.firstGet || layerLevel(cy.zoom(), r.getPixelRatio()) === null) return false
  const eles = r.getCachedZSortedEles().nondrag
  if (eles.length === 0) return false
  for (let lvl = MIN_LEVEL; lvl <= MAX_LEVEL; lvl++) if (c.levelIsComplete(lvl, eles)) return true
  return false
}

/**
 * How a big graph is drawn while it is panned or zoomed: from its layers, edges and all, when they
 * are complete (a frame is a few image copies: no frame over 20 ms panning the 1,238-service graph
 * here); otherwise from one picture of the canvas taken when the gesture starts, edges hidden (drawing
 * every element at every frame would take 0.2–0.5 s a frame). A small graph is drawn as it is.
 * Set before each frame of a gesture (on Cytoscape's `viewport` event). Returns false, and changes
 * nothing, when the renderer is not Cytoscape 3.x's canvas renderer.
 */
export function chooseViewportDrawing(cy: Core, large: boolean): boolean {
  const r = layerRendererOf(cy)
  const c = r?.data.lyrTxrCache
  if (!r || !c) return false
  const picture = large && !layersReady(cy, r, c)
  if (r.textureOnViewport !== picture) {
    // a picture left from an earlier gesture would show the graph as it was then
    if (picture) r.textureCache = null
    r.textureOnViewport = picture
  }
  r.hideEdgesOnViewport = picture
  return true
}
