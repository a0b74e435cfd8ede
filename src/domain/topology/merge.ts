/**
 * Incremental graph updates: which elements appear, stay or vanish between two answers,
 * and where new nodes go so that existing ones never move. Pure.
 */
export interface Point {
  x: number
  y: number
}

export interface IdDiff {
  added: string[]
  removed: string[]
  kept: string[]
}

/** Compares element ids of two answers; order follows `next` (added, kept) and `prev` (removed). */
export function diffIds(prev: Iterable<string>, next: Iterable<string>): IdDiff {
  const before = new Set(prev)
  const after = new Set(next)
  const added: string[] = []
  const kept: string[] = []
  for (const id of after) (before.has(id) ? kept : added).push(id)
  const removed = [...before].filter((id) => !after.has(id))
  return { added, removed, kept }
}

/** Horizontal distance between a new node and the neighbour it is placed next to. */
export const NEW_NODE_GAP = 120
const ROW_GAP = 60

/**
 * Positions for nodes that are new to the graph: next to an already placed caller (to its right)
 * or callee (to its left), stacked below siblings placed there before; nodes without a placed
 * neighbour go in a column to the right of everything. Known positions are never changed.
 */
export function placeNewNodes(
  known: ReadonlyMap<string, Point>,
  newIds: readonly string[],
  edges: readonly { source: string; target: string }[],
): Map<string, Point> {
  const placed = new Map<string, Point>(known)
  const out = new Map<string, Point>()
  const callers = new Map<string, string[]>()
  const callees = new Map<string, string[]>()
  for (const e of edges) {
    if (!callers.has(e.target)) callers.set(e.target, [])
    callers.get(e.target)?.push(e.source)
    if (!callees.has(e.source)) callees.set(e.source, [])
    callees.get(e.source)?.push(e.target)
  }
  const occupied = new Set<string>()
  for (const p of placed.values()) occupied.add(cellKey(p))
  const freeSpotNear = (p: Point): Point => {
    let candidate = p
    for (let i = 1; occupied.has(cellKey(candidate)) && i < 1000; i++) candidate = { x: p.x, y: p.y + i * ROW_GAP }
    return candidate
  }
  let pending = [...newIds]
  // several passes, so a chain of new nodes is placed link by link
  for (let pass = 0; pending.length > 0 && pass < 50; pass++) {
    const next: string[] = []
    for (const id of pending) {
      const caller = (callers.get(id) ?? []).find((c) => placed.has(c))
      const callee = (callees.get(id) ?? []).find((c) => placed.has(c))
      const anchor = caller ? placed.get(caller) : callee ? placed.get(callee) : undefined
      if (!anchor) {
        next.push(id)
        continue
      }
      const p = freeSpotNear({ x: anchor.x + (caller ? NEW_NODE_GAP : -NEW_NODE_GAP), y: anchor.y })
      placed.set(id, p)
      occupied.add(cellKey(p))
      out.set(id, p)
    }
    if (next.length === pending.length) break
    pending = next
  }
  if (pending.length > 0) {
    let maxX = 0
    let minY = 0
    let first = true
    for (const p of placed.values()) {
      maxX = first ? p.x : Math.max(maxX, p.x)
      minY = first ? p.y : Math.min(minY, p.y)
      first = false
    }
    pending.forEach((id, i) => {
      const p = { x: maxX + (first ? 0 : NEW_NODE_GAP), y: minY + i * ROW_GAP }
      placed.set(id, p)
      out.set(id, p)
    })
  }
  return out
}

const cellKey = (p: Point) => `${Math.round(p.x / 20)}:${Math.round(p.y / 20)}`

/** Count of nodes whose position changed by more than `tolerance` px between two snapshots. */
export function movedNodes(before: ReadonlyMap<string, Point>, after: ReadonlyMap<string, Point>, tolerance = 0.5): string[] {
  const moved: string[] = []
  for (const [id, p] of before) {
    const q = after.get(id)
    if (q && (Math.abs(q.x - p.x) > tolerance || Math.abs(q.y - p.y) > tolerance)) moved.push(id)
  }
  return moved
}
