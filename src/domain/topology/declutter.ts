/**
 * Which node labels to shorten or leave out so that the ones drawn never overlap each other or
 * the shape of a more important node. Labels are placed in priority order (the caller ranks them: health,
 * alerts, rate); each gets the first of its variants (e.g. name and figures, then the name alone)
 * that collides with nothing already placed, or none. Pure; boxes in graph units.
 */
export interface LabelBox {
  id: string
  /** the node's centre */
  x: number
  y: number
  /** half the node's own width and height */
  half: number
  /** the label's possible sizes, preferred first; each is centred under the node (over it when `above`) */
  variants: readonly { width: number; height: number; above?: boolean }[]
  /** distance from the node's bottom edge to the label's top */
  gap: number
  /** higher first */
  priority: number
}

export interface Rect {
  x1: number
  y1: number
  x2: number
  y2: number
}

const overlaps = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2

export function labelRect(b: LabelBox, variant = 0): Rect {
  const v = b.variants[variant] ?? { width: 0, height: 0 }
  const top = v.above ? b.y - b.half - b.gap - v.height : b.y + b.half + b.gap
  return { x1: b.x - v.width / 2, y1: top, x2: b.x + v.width / 2, y2: top + v.height }
}

/**
 * The variant each label is drawn with: its index in `variants`, or `variants.length` when it is
 * left out. O(n²): meant for graphs that restyle while zooming (≤ 150 nodes).
 */
export function declutterLabels(boxes: readonly LabelBox[]): Map<string, number> {
  const shapes: Rect[] = boxes.map((b) => ({ x1: b.x - b.half, y1: b.y - b.half, x2: b.x + b.half, y2: b.y + b.half }))
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].priority - boxes[a].priority || boxes[a].id.localeCompare(boxes[b].id))
  // place in the order: 0 first
  const rank = new Array<number>(boxes.length)
  order.forEach((i, k) => (rank[i] = k))
  const kept: Rect[] = []
  const out = new Map<string, number>()
  for (const i of order) {
    const b = boxes[i]
    let chosen = b.variants.length
    for (let v = 0; v < b.variants.length; v++) {
      const r = labelRect(b, v)
      // a label never covers a more important node; a less important one may lie under its background
      if (shapes.some((s, j) => j !== i && rank[j] < rank[i] && overlaps(r, s)) || kept.some((k) => overlaps(r, k))) continue
      chosen = v
      kept.push(r)
      break
    }
    out.set(b.id, chosen)
  }
  return out
}
