import type { GraphElement } from './elements'
import type { Point } from './merge'

export interface Viewport {
  zoom: number
  pan: Point
}

export interface FitOptions {
  /** padding around the drawing, in screen pixels */
  padding?: number
  /** half the width and height a node takes around its position (shape and label), in model units */
  nodeExtent?: Point
  minZoom?: number
  /** small graphs are not blown up beyond this zoom */
  maxZoom?: number
}

/**
 * The zoom and pan that fit node positions into a container, computed from the positions alone,
 * so a freshly laid out graph is framed without measuring every element's rendered bounds. Pure.
 */
export function fitViewport(positions: Iterable<Point>, width: number, height: number, opts: FitOptions = {}): Viewport | null {
  const padding = opts.padding ?? 30
  const extent = opts.nodeExtent ?? { x: 70, y: 34 }
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of positions) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue
    minX = Math.min(minX, p.x)
    maxX = Math.max(maxX, p.x)
    minY = Math.min(minY, p.y)
    maxY = Math.max(maxY, p.y)
  }
  if (minX === Infinity || width <= 0 || height <= 0) return null
  minX -= extent.x
  maxX += extent.x
  minY -= extent.y
  maxY += extent.y
  const availW = Math.max(1, width - 2 * padding)
  const availH = Math.max(1, height - 2 * padding)
  const raw = Math.min(availW / (maxX - minX), availH / (maxY - minY))
  const zoom = Math.min(opts.maxZoom ?? 1.5, Math.max(opts.minZoom ?? 0.05, raw))
  const cx = (minX + maxX) / 2
  const cy = (minY + maxY) / 2
  return { zoom, pan: { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom } }
}

/** half a node's width taken by default (FitOptions.nodeExtent.x) */
const NODE_HALF = 70
/** half the width of a character of a node's label (12 px sans-serif), in model units */
const LABEL_CHAR_HALF = 3.4
/** a closed group's label (name, members, figures) is wider than a node's: room either side of it, in model units */
const WIDE_LABEL_HALF = 170

/**
 * The positions to frame, with room either side of a node whose label is wider than a node
 * (a closed group's, or a long line such as "not captured (known from callers)"), so fitting them
 * keeps every label inside the frame. One pass over the elements.
 */
export function* withLabelRoom(elements: readonly GraphElement[], positions: ReadonlyMap<string, Point>): Generator<Point> {
  const half = new Map<string, number>()
  for (const e of elements) {
    if (e.group !== 'nodes') continue
    let h = e.classes.includes('group-node') ? NODE_HALF + WIDE_LABEL_HALF : 0
    for (const line of e.data.label.split('\n')) h = Math.max(h, line.length * LABEL_CHAR_HALF)
    if (h > NODE_HALF) half.set(e.data.id, h)
  }
  for (const [id, p] of positions) {
    yield p
    const h = half.get(id)
    if (h === undefined) continue
    // (the default extent is added around every point when fitting)
    yield { x: p.x - (h - NODE_HALF), y: p.y }
    yield { x: p.x + (h - NODE_HALF), y: p.y }
  }
}
