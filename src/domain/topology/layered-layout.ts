import type { Point } from './merge'

/**
 * A fast layered left-to-right layout: rank by longest call path from the entries (calls closing a
 * cycle are ignored), order each rank by the mean position of its callers and callees (four
 * sweeps), and place ranks in columns; a rank taller than `maxPerColumn` wraps into several
 * sub-columns, so a fan-out to hundreds of services stays a block, not a needle.
 * O(nodes + edges) per sweep. Pure.
 */
export interface LayeredOptions {
  rankGap?: number
  nodeGap?: number
  /** nodes per column before a rank wraps; default grows with the square root of the node count */
  maxPerColumn?: number
  /** horizontal distance between the sub-columns of a wrapped rank */
  subColumnGap?: number
}

export function layeredPositions(
  nodeIds: readonly string[],
  edges: readonly { source: string; target: string }[],
  opts: LayeredOptions = {},
): Map<string, Point> {
  const rankGap = opts.rankGap ?? 180
  const nodeGap = opts.nodeGap ?? 56
  const ids = new Set(nodeIds)
  const out = new Map<string, string[]>()
  const inn = new Map<string, string[]>()
  for (const id of nodeIds) {
    out.set(id, [])
    inn.set(id, [])
  }
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue
    out.get(e.source)?.push(e.target)
    inn.get(e.target)?.push(e.source)
  }
  // topological order by depth-first search; edges to an open node close a cycle and are skipped
  const state = new Map<string, 1 | 2>()
  const order: string[] = []
  const back = new Set<string>()
  const roots = nodeIds.filter((id) => (inn.get(id) ?? []).length === 0)
  for (const start of [...roots, ...nodeIds]) {
    if (state.has(start)) continue
    const stack: { id: string; i: number }[] = [{ id: start, i: 0 }]
    state.set(start, 1)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      const next = out.get(top.id) ?? []
      if (top.i < next.length) {
        const t = next[top.i++]
        const s = state.get(t)
        if (s === 1) back.add(`${top.id}\u0000${t}`)
        else if (s === undefined) {
          state.set(t, 1)
          stack.push({ id: t, i: 0 })
        }
      } else {
        state.set(top.id, 2)
        order.push(top.id)
        stack.pop()
      }
    }
  }
  order.reverse()
  const rank = new Map<string, number>()
  for (const id of order) {
    const r = rank.get(id) ?? 0
    rank.set(id, r)
    for (const t of out.get(id) ?? []) if (!back.has(`${id}\u0000${t}`)) rank.set(t, Math.max(rank.get(t) ?? 0, r + 1))
  }
  const columns: string[][] = []
  for (const id of nodeIds) {
    const r = rank.get(id) ?? 0
    if (!columns[r]) columns[r] = []
    columns[r].push(id)
  }
  // Crossing reduction: barycentre ordering, sweeping down the call flow (by callers) and back up
  // (by callees), on centred positions so columns of different heights line up.
  const pos = new Map<string, number>()
  const place = (col: string[]) => col.forEach((id, i) => pos.set(id, i - (col.length - 1) / 2))
  columns.forEach((col) => col && place(col))
  const mean = (xs: string[], fallback: number) => {
    let sum = 0
    let n = 0
    for (const x of xs) {
      const v = pos.get(x)
      if (v === undefined) continue
      sum += v
      n += 1
    }
    return n === 0 ? fallback : sum / n
  }
  const reorder = (col: string[] | undefined, neighbours: Map<string, string[]>) => {
    if (!col) return
    const key = new Map(col.map((id) => [id, mean(neighbours.get(id) ?? [], pos.get(id) ?? 0)]))
    col.sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0))
    place(col)
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    if (sweep % 2 === 0) for (let r = 1; r < columns.length; r++) reorder(columns[r], inn)
    else for (let r = columns.length - 2; r >= 0; r--) reorder(columns[r], out)
  }
  const maxPerColumn = Math.max(2, opts.maxPerColumn ?? Math.max(12, Math.ceil(Math.sqrt(nodeIds.length * 0.6))))
  const subColumnGap = opts.subColumnGap ?? Math.round(rankGap * 0.6)
  const positions = new Map<string, Point>()
  let x = 0
  for (const col of columns) {
    if (!col) continue
    const subColumns = Math.ceil(col.length / maxPerColumn)
    const perColumn = Math.ceil(col.length / subColumns)
    for (let c = 0; c < subColumns; c++) {
      const part = col.slice(c * perColumn, (c + 1) * perColumn)
      const offset = ((part.length - 1) * nodeGap) / 2
      part.forEach((id, i) => positions.set(id, { x: x + c * subColumnGap, y: i * nodeGap - offset }))
    }
    x += (subColumns - 1) * subColumnGap + rankGap
  }
  return positions
}
