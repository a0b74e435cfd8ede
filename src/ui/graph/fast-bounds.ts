import type { Core } from 'cytoscape'

/**
 * A quicker answer to Cytoscape's most asked question, an element's bounding box.
 *
 * The canvas renderer asks every element for its box (body, labels and arrows) whenever it draws
 * it from its texture caches and whenever it looks for the element under the pointer, up to four
 * times per edge. Each ask re-validates the cached box: it builds a fresh memo, hashes the rounded
 * positions the box depends on (the node's, or an edge's two ends) and compares the hash with the
 * one stored with the box. On the 1,238-service graph (5,509 elements) the asking alone was about
 * half of the 0.3–0.5 s frame that redraws the graph when a pan ends.
 *
 * Here a box Cytoscape cached is given back as it is when the same test holds, done without the
 * memo and the hash: the box is still the object Cytoscape cached (Cytoscape drops it when the
 * element's style, data or position change), the element's style is not waiting to be recomputed,
 * and the positions it depends on round to the same pixels as when it was computed. Any other ask
 * (options given, several elements, a compound parent, a box not seen yet or no longer valid) is
 * Cytoscape's own, unchanged. The answer is the object Cytoscape's own would return.
 */

/** A bounding box as Cytoscape keeps it (model coordinates). */
interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
  w: number
  h: number
}

interface Position {
  x: number
  y: number
}

/** The fields of an element's private state read here (Cytoscape 3.x). */
interface Private {
  group: 'nodes' | 'edges'
  bbCache: Box | null
  styleDirty: boolean
  position: Position
  children?: unknown[]
  source?: { _private: { position: Position } }
  target?: { _private: { position: Position } }
}

/** A box Cytoscape computed: its element's state, the states of the points it rests on, and their rounded positions then. */
interface Seen {
  p: Private
  a: Private | { position: Position }
  b: Private | { position: Position }
  ax: number
  ay: number
  bx: number
  by: number
}

// keyed by the box object Cytoscape cached: a box Cytoscape dropped and computed again is not found
const seen = new WeakMap<Box, Seen>()

function privateOf(ele: unknown): Private | null {
  const p: unknown = (ele as { _private?: unknown } | null)?._private
  if (typeof p !== 'object' || p === null || !('bbCache' in p) || !('styleDirty' in p) || !('position' in p) || !('group' in p)) return null
  return p as Private
}

/** The states whose positions a box depends on (a node's own twice, or an edge's ends); null for a compound parent or an edge without ends. */
function endsOf(p: Private): [{ position: Position }, { position: Position }] | null {
  if (p.group === 'edges') return p.source && p.target ? [p.source._private, p.target._private] : null
  if (p.children && p.children.length > 0) return null
  return [p, p]
}

/** The box Cytoscape cached for this element, when it is still valid by Cytoscape's own test; else null. */
function validCached(ele: object): Box | null {
  const p = (ele as { _private?: Private })._private
  const box = p?.bbCache
  if (!p || !box || p.styleDirty) return null
  const s = seen.get(box)
  if (!s || s.p !== p) return null
  const a = s.a.position
  const b = s.b.position
  return Math.round(a.x) === s.ax && Math.round(a.y) === s.ay && Math.round(b.x) === s.bx && Math.round(b.y) === s.by ? box : null
}

/** Remembers the box Cytoscape has just cached for this element and the positions it rests on. */
function remember(ele: object): void {
  const p = privateOf(ele)
  if (!p || !p.bbCache || p.styleDirty) return
  const ends = endsOf(p)
  if (!ends) return
  const [a, b] = ends
  seen.set(p.bbCache, { p, a, b, ax: Math.round(a.position.x), ay: Math.round(a.position.y), bx: Math.round(b.position.x), by: Math.round(b.position.y) })
}

type BoundingBoxFn = (this: ArrayLike<object>, options?: unknown) => Box

/** Cytoscape's own clamp of a box's sides (an empty box is all zeros, not infinite). */
const noninf = (x: number) => (x === Infinity || x === -Infinity ? 0 : x)

/**
 * The union of the cached boxes of several elements, when every one is still valid (else null):
 * what Cytoscape's own answer for them with the default options is, a fresh box.
 */
function unionOfCached(eles: ArrayLike<object>): Box | null {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  for (let i = 0; i < eles.length; i++) {
    const b = validCached(eles[i]!)
    if (!b) return null
    if (b.x1 < x1) x1 = b.x1
    if (b.y1 < y1) y1 = b.y1
    if (b.x2 > x2) x2 = b.x2
    if (b.y2 > y2) y2 = b.y2
  }
  x1 = noninf(x1)
  y1 = noninf(y1)
  x2 = noninf(x2)
  y2 = noninf(y2)
  return { x1, y1, x2, y2, w: noninf(x2 - x1), h: noninf(y2 - y1) }
}

let installed = false

/**
 * Installs the quicker answer on Cytoscape's collections (once; every instance shares them).
 * Returns false, and changes nothing, when the collections do not look like Cytoscape 3.x's.
 */
export function installFastBounds(cy: Core): boolean {
  if (installed) return true
  let proto: unknown = Object.getPrototypeOf(cy.collection())
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'boundingBox')) proto = Object.getPrototypeOf(proto)
  if (typeof proto !== 'object' || proto === null) return false
  const holder = proto as { boundingBox: unknown }
  if (typeof holder.boundingBox !== 'function') return false
  const own = holder.boundingBox as BoundingBoxFn
  const fast: BoundingBoxFn = function (options) {
    // with the default options only: one element (what the renderer asks for most), or several (the
    // whole graph's box, asked when a pan or zoom starts)
    if (options !== undefined || this.length === 0) return own.call(this, options)
    if (this.length > 1) return unionOfCached(this) ?? own.call(this, options)
    const ele = this[0]!
    const box = validCached(ele)
    if (box) return box
    const computed = own.call(this, options)
    remember(ele)
    return computed
  }
  holder.boundingBox = fast
  installed = true
  return true
}
