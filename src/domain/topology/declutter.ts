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
 * left out. `blocked`: room already taken by something placed before (e.g. a critical call's label). O(n²): meant for graphs that restyle while zooming (≤ 150 nodes).
 */
export function declutterLabels(boxes: readonly LabelBox[], blocked: (r: Rect) => boolean = () => false): Map<string, number> {
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
      if (shapes.some((s, j) => j !== i && rank[j] < rank[i] && overlaps(r, s)) || kept.some((k) => overlaps(r, k)) || blocked(r)) continue
      chosen = v
      kept.push(r)
      break
    }
    out.set(b.id, chosen)
  }
  return out
}

/** A call's label, turned along the call (radians), in graph units. */
export interface EdgeLabelBox {
  id: string
  /** its possible sizes (whole, then shorter) and places along the call (the midpoint, then nearer either end), preferred first */
  at: readonly { x: number; y: number; width: number; height: number }[]
  angle: number
  /** higher first */
  priority: number
}

interface Oriented {
  x: number
  y: number
  hw: number
  hh: number
  cos: number
  sin: number
}

const orientedOf = (r: Rect): Oriented => ({ x: (r.x1 + r.x2) / 2, y: (r.y1 + r.y2) / 2, hw: (r.x2 - r.x1) / 2, hh: (r.y2 - r.y1) / 2, cos: 1, sin: 0 })

/** Separating-axis test of two turned rectangles. */
function orientedOverlap(a: Oriented, b: Oriented): boolean {
  const dx = b.x - a.x
  const dy = b.y - a.y
  for (const [ux, uy] of [[a.cos, a.sin], [-a.sin, a.cos], [b.cos, b.sin], [-b.sin, b.cos]]) {
    const ra = a.hw * Math.abs(ux * a.cos + uy * a.sin) + a.hh * Math.abs(-ux * a.sin + uy * a.cos)
    const rb = b.hw * Math.abs(ux * b.cos + uy * b.sin) + b.hh * Math.abs(-ux * b.sin + uy * b.cos)
    if (Math.abs(dx * ux + dy * uy) >= ra + rb) return false
  }
  return true
}

/**
 * Which call labels to draw, and where along the call, so that none overlaps another call's label,
 * a node's label already placed (`placed`) or a node's shape (`shapes`): placed in priority order
 * (the caller puts the selected call and the critical ones first), each drawn at the first of its
 * sizes and places that collides with nothing, or not at all. Returns the index into `at` of each
 * label kept. Pure; boxes in graph units. O(n²): meant for graphs that restyle while zooming.
 */
export function declutterEdgeLabels(labels: readonly EdgeLabelBox[], placed: readonly Rect[], shapes: readonly Rect[]): Map<string, number> {
  const fixed = [...placed, ...shapes].map(orientedOf)
  const kept: Oriented[] = []
  const out = new Map<string, number>()
  const order = [...labels].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id))
  for (const l of order) {
    const cos = Math.cos(l.angle)
    const sin = Math.sin(l.angle)
    for (let i = 0; i < l.at.length; i++) {
      const o: Oriented = { x: l.at[i].x, y: l.at[i].y, hw: l.at[i].width / 2, hh: l.at[i].height / 2, cos, sin }
      if (fixed.some((f) => orientedOverlap(o, f)) || kept.some((k) => orientedOverlap(o, k))) continue
      kept.push(o)
      out.set(l.id, i)
      break
    }
  }
  return out
}

/** Whether a rectangle overlaps one of the call labels kept (`kept`: index into each label's `at`). */
export function edgeLabelsHit(labels: readonly EdgeLabelBox[], kept: ReadonlyMap<string, number>): (r: Rect) => boolean {
  const boxes: Oriented[] = []
  for (const l of labels) {
    const i = kept.get(l.id)
    if (i === undefined) continue
    const a = l.at[i]
    boxes.push({ x: a.x, y: a.y, hw: a.width / 2, hh: a.height / 2, cos: Math.cos(l.angle), sin: Math.sin(l.angle) })
  }
  return (r) => {
    const o = orientedOf(r)
    return boxes.some((b) => orientedOverlap(o, b))
  }
}
