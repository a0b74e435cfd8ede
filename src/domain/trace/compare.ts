/**
 * Comparing two traces path by path. Each trace is first aggregated by path from the root (the
 * flame graph's `path` grouping: service and operation at each level, with how many spans took
 * that path); the two sets of paths are then aligned on the path itself, so traces from different
 * sources or files line up whatever their span ids.
 */
import { frameKind, frameOperation, frameService } from './flame'
import type { FlameGraph, FrameKind } from './flame'

export type Presence = 'both' | 'a-only' | 'b-only'

export interface CompareRow {
  /** the path, one "service operation" per level (stable id of the row) */
  key: string
  /** index of the parent row (-1 for top-level rows) */
  parent: number
  depth: number
  kind: FrameKind
  service: string | null
  operation: string | null
  presence: Presence
  /** spans that took this path in A and in B */
  countA: number
  countB: number
  /** µs: summed durations */
  totalA: number
  totalB: number
  /** µs: summed self times (known part) */
  selfA: number
  selfB: number
  /** µs: time on the critical path on their own (criticalTimes) */
  criticalA: number
  criticalB: number
  errorsA: number
  errorsB: number
  /**
   * µs: the path's contribution to B's duration minus A's (criticalB − criticalA). Summed over all
   * rows it is exactly the difference of the traces' durations (root by root).
   */
  contribution: number
  /** the frames of the row in each flame graph (-1 when absent) */
  frameA: number
  frameB: number
}

export interface TraceComparison {
  /** rows in tree order (a parent before its children, siblings by first call in A, then B) */
  rows: CompareRow[]
  /** µs: each trace's duration as the critical path sees it (sum of critical times) */
  durationA: number
  durationB: number
  /** number of paths in each trace */
  pathsA: number
  pathsB: number
}

function kindWord(kind: FrameKind): string {
  return kind === 'missing-parent' ? '~missing-parent' : kind === 'not-captured' ? '~not-captured' : ''
}

/** The path key of each frame: the parent's key plus this frame's service and operation. */
function pathKeys(g: FlameGraph): string[] {
  if (g.group !== 'path') throw new Error('Traces are compared on their path-grouped flame graphs.')
  const keys = new Array<string>(g.frameCount)
  keys[0] = ''
  for (let f = 1; f < g.frameCount; f++) {
    const kind = frameKind(g.kind[f])
    const own = kind === 'span' ? `${frameService(g, f) ?? ''}\u0001${frameOperation(g, f) ?? ''}` : kindWord(kind)
    keys[f] = g.parent[f] === 0 ? own : `${keys[g.parent[f]]}\n${own}`
  }
  return keys
}

/**
 * Aligns two traces' path-grouped flame graphs. Several "missing parent" frames at the top of a
 * trace (spans whose parents were lost) share one path: which lost parent they hung under cannot
 * be matched between two traces.
 */
export function compareTraces(a: FlameGraph, b: FlameGraph): TraceComparison {
  const keysA = pathKeys(a)
  const keysB = pathKeys(b)
  const rows: CompareRow[] = []
  const rowOf = new Map<string, number>()
  const blank = (key: string, parent: number, g: FlameGraph, f: number): CompareRow => ({
    key,
    parent,
    depth: g.depth[f] - 1,
    kind: frameKind(g.kind[f]),
    service: frameService(g, f),
    operation: frameOperation(g, f),
    presence: 'both',
    countA: 0,
    countB: 0,
    totalA: 0,
    totalB: 0,
    selfA: 0,
    selfB: 0,
    criticalA: 0,
    criticalB: 0,
    errorsA: 0,
    errorsB: 0,
    contribution: 0,
    frameA: -1,
    frameB: -1,
  })
  const walk = (g: FlameGraph, keys: string[], side: 'A' | 'B') => {
    // depth-first in the flame graph's child order, so rows come out in tree order
    const stack: number[] = []
    for (let k = g.childStart[1] - 1; k >= g.childStart[0]; k--) stack.push(g.childList[k])
    while (stack.length) {
      const f = stack.pop() as number
      const key = keys[f]
      let r = rowOf.get(key)
      if (r === undefined) {
        const parentRow = g.parent[f] === 0 ? -1 : (rowOf.get(keys[g.parent[f]]) ?? -1)
        r = rows.length
        rows.push(blank(key, parentRow, g, f))
        rowOf.set(key, r)
      }
      const row = rows[r]
      if (side === 'A') {
        row.frameA = f
        row.countA += g.count[f]
        row.totalA += g.total[f]
        row.selfA += g.self[f]
        row.criticalA += g.criticalTime[f]
        row.errorsA += g.errors[f]
      } else {
        row.frameB = f
        row.countB += g.count[f]
        row.totalB += g.total[f]
        row.selfB += g.self[f]
        row.criticalB += g.criticalTime[f]
        row.errorsB += g.errors[f]
      }
      for (let k = g.childStart[f + 1] - 1; k >= g.childStart[f]; k--) stack.push(g.childList[k])
    }
  }
  walk(a, keysA, 'A')
  walk(b, keysB, 'B')
  let durationA = 0
  let durationB = 0
  for (const row of rows) {
    row.presence = row.frameA === -1 ? 'b-only' : row.frameB === -1 ? 'a-only' : 'both'
    row.contribution = row.criticalB - row.criticalA
    durationA += row.criticalA
    durationB += row.criticalB
  }
  return { rows: treeOrder(rows), durationA, durationB, pathsA: a.frameCount - 1, pathsB: b.frameCount - 1 }
}

/** Rows reordered so that every row follows its parent (B-only rows were appended at the end). */
function treeOrder(rows: CompareRow[]): CompareRow[] {
  const kids: number[][] = rows.map(() => [])
  const tops: number[] = []
  rows.forEach((r, i) => (r.parent === -1 ? tops.push(i) : kids[r.parent].push(i)))
  const order: number[] = []
  const stack = [...tops].reverse()
  while (stack.length) {
    const i = stack.pop() as number
    order.push(i)
    for (let k = kids[i].length - 1; k >= 0; k--) stack.push(kids[i][k])
  }
  const newIndex = new Int32Array(rows.length)
  order.forEach((old, i) => (newIndex[old] = i))
  return order.map((old) => {
    const r = rows[old]
    return { ...r, parent: r.parent === -1 ? -1 : newIndex[r.parent] }
  })
}

export interface CompareFilter {
  /** only rows whose counts, errors or presence differ, or whose contribution is at least `minContribution` µs */
  onlyDifferences: boolean
  /** only rows with failed spans in either trace */
  onlyErrors: boolean
  /** µs under which a contribution counts as no difference (default 0: any) */
  minContribution?: number
}

/** Whether a row differs between the two traces. */
export function rowDiffers(r: CompareRow, minContribution = 0): boolean {
  return r.presence !== 'both' || r.countA !== r.countB || r.errorsA !== r.errorsB || Math.abs(r.contribution) > minContribution
}

/**
 * Rows by the size of their contribution to the difference in duration (largest first); rows
 * contributing equally (e.g. none: off the critical path in both) by the difference in errors,
 * then in total time. Filters apply to rows, not to subtrees.
 */
export function rankRows(c: TraceComparison, filter: CompareFilter): CompareRow[] {
  const keep = c.rows.filter((r) => (!filter.onlyErrors || r.errorsA + r.errorsB > 0) && (!filter.onlyDifferences || rowDiffers(r, filter.minContribution)))
  return keep.sort(
    (x, y) =>
      Math.abs(y.contribution) - Math.abs(x.contribution) ||
      Math.abs(y.errorsB - y.errorsA) - Math.abs(x.errorsB - x.errorsA) ||
      Math.abs(y.totalB - y.totalA) - Math.abs(x.totalB - x.totalA) ||
      x.key.localeCompare(y.key),
  )
}

/** Rows in tree order, keeping the ancestors of every row that passes the filters (so the tree still reads). */
export function filterTree(c: TraceComparison, filter: CompareFilter): CompareRow[] {
  const pass = c.rows.map((r) => (!filter.onlyErrors || r.errorsA + r.errorsB > 0) && (!filter.onlyDifferences || rowDiffers(r, filter.minContribution)))
  const keep = new Uint8Array(c.rows.length)
  for (let i = c.rows.length - 1; i >= 0; i--) {
    if (!pass[i] && !keep[i]) continue
    keep[i] = 1
    for (let p = c.rows[i].parent; p !== -1 && !keep[p]; p = c.rows[p].parent) keep[p] = 1
  }
  return c.rows.filter((_, i) => keep[i] === 1)
}
