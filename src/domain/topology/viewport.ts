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
