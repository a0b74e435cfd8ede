import type { LayoutOptions } from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import { layeredPositions } from '../../domain/topology/layered-layout'
import type { Point } from '../../domain/topology/merge'

/** What a layout needs of the graph: ids, compound parents, which nodes are boxes, and the calls. */
export interface LayoutInput {
  nodes: { id: string; parent?: string; box: boolean }[]
  edges: { source: string; target: string }[]
}

export type LayoutRequest = { id: number; kind: 'layered' | 'force'; input: LayoutInput }
export type LayoutResponse = { id: number; ok: true; ids: string[]; xy: Float64Array } | { id: number; ok: false; message: string }

export function layoutInput(elements: readonly GraphElement[]): LayoutInput {
  const nodes: LayoutInput['nodes'] = []
  const edges: LayoutInput['edges'] = []
  for (const e of elements) {
    if (e.group === 'nodes') nodes.push({ id: e.data.id, ...(e.data.parent ? { parent: e.data.parent } : {}), box: e.classes.includes('box') })
    else edges.push({ source: e.data.source ?? '', target: e.data.target ?? '' })
  }
  return { nodes, edges }
}

/** Positions as two flat lists (ids, x/y pairs), cheap to send between threads. */
export function packPositions(positions: ReadonlyMap<string, Point>): { ids: string[]; xy: Float64Array } {
  const ids = [...positions.keys()]
  const xy = new Float64Array(ids.length * 2)
  ids.forEach((id, i) => {
    const p = positions.get(id)
    xy[i * 2] = p?.x ?? 0
    xy[i * 2 + 1] = p?.y ?? 0
  })
  return { ids, xy }
}

export function unpackPositions(ids: readonly string[], xy: Float64Array): Map<string, Point> {
  const out = new Map<string, Point>()
  ids.forEach((id, i) => out.set(id, { x: xy[i * 2], y: xy[i * 2 + 1] }))
  return out
}

/** Layered left-to-right call flow; nodes in compound boxes are laid out per box, boxes stacked top to bottom. */
export function layeredFromInput(input: LayoutInput): Map<string, Point> {
  const groups = new Map<string, string[]>()
  const linked = new Set<string>()
  for (const e of input.edges) {
    linked.add(e.source)
    linked.add(e.target)
  }
  // a node outside any box with no calls (e.g. a closed group) is not a graph of its own: such nodes
  // are set together in one block (a column beside the boxes, or a row when there is nothing else)
  const loose: string[] = []
  for (const n of input.nodes) {
    if (n.box) continue
    if (!n.parent && !linked.has(n.id)) {
      loose.push(n.id)
      continue
    }
    const key = n.parent ?? ''
    if (!groups.has(key)) groups.set(key, [])
    groups.get(key)?.push(n.id)
  }
  // small graphs get room for two-line labels; big ones stay compact enough to read as a whole
  const nodeCount = [...groups.values()].reduce((n, ids) => n + ids.length, loose.length)
  const spacing = nodeCount <= 150 ? { rankGap: 240, nodeGap: 84 } : { rankGap: 180, nodeGap: 56 }
  const blocks = [...groups.values()].map((ids) => bounded(layeredPositions(ids, input.edges, spacing)))
  if (loose.length > 0) {
    const column = blocks.length > 0
    const pos = new Map<string, Point>(loose.map((id, i) => [id, column ? { x: 0, y: i * LOOSE_GAP.y } : { x: i * LOOSE_GAP.x, y: 0 }]))
    blocks.push(bounded(pos))
  }
  return arrangeBlocks(blocks, BOX_GAP)
}

/** room between loose nodes (closed groups): their three-line labels */
const LOOSE_GAP = { x: 340, y: 150 }

function bounded(pos: Map<string, Point>): { pos: Map<string, Point>; minX: number; minY: number; w: number; h: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of pos.values()) {
    minX = Math.min(minX, p.x)
    maxX = Math.max(maxX, p.x)
    minY = Math.min(minY, p.y)
    maxY = Math.max(maxY, p.y)
  }
  return { pos, minX, minY, w: maxX - minX, h: maxY - minY }
}

/** room between boxes: their padding, labels and a margin */
const BOX_GAP = 260
/** the shape a screen usually gives the graph (width / height) */
const SCREEN_ASPECT = 2

/**
 * Boxes in rows, as many per row as makes the whole closest to a screen's shape (2:1), rather
 * than one tall stack of copies.
 */
function arrangeBlocks(blocks: { pos: Map<string, Point>; minX: number; minY: number; w: number; h: number }[], gap: number): Map<string, Point> {
  const out = new Map<string, Point>()
  if (blocks.length === 0) return out
  let best = 1
  let bestScore = Infinity
  for (let perRow = 1; perRow <= blocks.length; perRow++) {
    let width = 0
    let height = 0
    for (let i = 0; i < blocks.length; i += perRow) {
      const row = blocks.slice(i, i + perRow)
      width = Math.max(width, row.reduce((s, b) => s + b.w + gap, -gap))
      height += Math.max(...row.map((b) => b.h)) + gap
    }
    height -= gap
    // the zoom that fits it on a 2:1 screen: the higher, the better
    const score = Math.max(width / SCREEN_ASPECT, height, 1)
    if (score <= bestScore) {
      bestScore = score
      best = perRow
    }
  }
  let top = 0
  for (let i = 0; i < blocks.length; i += best) {
    const row = blocks.slice(i, i + best)
    let left = 0
    for (const b of row) {
      for (const [id, p] of b.pos) out.set(id, { x: p.x - b.minX + left, y: p.y - b.minY + top })
      left += b.w + gap
    }
    top += Math.max(...row.map((b) => b.h)) + gap
  }
  return out
}

/** Options of the force-directed layout (fcose), never animated. */
export function forceLayoutOptions(nodeCount: number): LayoutOptions {
  return {
    name: 'fcose',
    animate: false,
    quality: nodeCount > 300 ? 'draft' : 'default',
    randomize: true,
    nodeRepulsion: () => 8000,
    idealEdgeLength: () => 90,
    nodeSeparation: 80,
    packComponents: true,
    fit: false,
  } as LayoutOptions
}
