/** Self time and critical path over a built tree (µs). Iterative; linear or n·log n. */
import type { TraceTree } from './tree'

/**
 * Self time of every node: its duration minus the part covered by its children
 * (children clipped to the node; overlapping children counted once).
 */
export function selfTimes(tree: TraceTree): Float64Array {
  const out = new Float64Array(tree.nodes.length)
  for (const n of tree.nodes) out[n.index] = selfTimeOf(tree, n.index)
  return out
}

/**
 * The critical path: from each root, the chain of work that determined when it finished.
 * Walking back from a node's end, the child that finished last (before the cursor) is on the
 * path; the cursor then moves to that child's start. Returns a flag per node (1 = on the path).
 */
export function criticalPath(tree: TraceTree): Uint8Array {
  const on = new Uint8Array(tree.nodes.length)
  const stack: { node: number; cursor: number }[] = []
  for (const r of tree.roots) {
    const rn = tree.nodes[r]
    if (!rn.span) continue
    stack.push({ node: r, cursor: rn.start + rn.duration })
  }
  while (stack.length) {
    const { node, cursor: endCursor } = stack.pop() as { node: number; cursor: number }
    const n = tree.nodes[node]
    on[node] = 1
    const kids = n.children
      .filter((c) => tree.nodes[c].span !== null)
      .sort((a, b) => tree.nodes[b].start + tree.nodes[b].duration - (tree.nodes[a].start + tree.nodes[a].duration))
    let cursor = Math.min(endCursor, n.start + n.duration)
    for (const c of kids) {
      const cn = tree.nodes[c]
      const cEnd = cn.start + cn.duration
      if (cn.start >= cursor) continue
      if (cEnd <= cursor || cn.start < cursor) {
        stack.push({ node: c, cursor: Math.min(cEnd, cursor) })
        cursor = cn.start
      }
      if (cursor <= n.start) break
    }
  }
  return on
}

/** Self time of one node (see selfTimes). */
export function selfTimeOf(tree: TraceTree, index: number): number {
  const n = tree.nodes[index]
  if (!n?.span) return 0
  const s = n.start
  const e = n.start + n.duration
  const parts: [number, number][] = []
  for (const c of n.children) {
    const cn = tree.nodes[c]
    if (!cn.span) continue
    const cs = Math.max(s, cn.start)
    const ce = Math.min(e, cn.start + cn.duration)
    if (ce > cs) parts.push([cs, ce])
  }
  return Math.max(0, n.duration - unionLength(parts))
}

function unionLength(parts: [number, number][]): number {
  parts.sort((a, b) => a[0] - b[0])
  let covered = 0
  let curS = -Infinity
  let curE = -Infinity
  for (const [cs, ce] of parts) {
    if (cs > curE) {
      if (curE > curS) covered += curE - curS
      curS = cs
      curE = ce
    } else if (ce > curE) curE = ce
  }
  if (curE > curS) covered += curE - curS
  return covered
}
