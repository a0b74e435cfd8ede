/** Self time and critical path over a built tree (µs). Iterative; linear or n·log n. */
import { followsFromParent } from './relations'
import type { TraceTree } from './tree'

/**
 * Self time of a span: its duration minus the part covered by its children (children clipped to
 * the span; overlapping children counted once). In a PostTrace capture, calls a span made before
 * the trigger were not kept (its "missing calls" placeholder covers [its start, the trigger]):
 * there, time not covered by captured children may be its own work or a lost call, so it is
 * `unaccounted` and the self time is only known to lie in [known, known + unaccounted].
 */
export interface SelfTime {
  /** µs of own work for sure; the exact self time when `unaccounted` is 0 */
  known: number
  /** µs not covered by captured children while calls were not captured (0: self time is exact) */
  unaccounted: number
}

/** Self times of every node (see SelfTime); placeholders have 0. */
export interface SelfTimes {
  known: Float64Array
  unaccounted: Float64Array
}

export function selfTimes(tree: TraceTree): SelfTimes {
  const known = new Float64Array(tree.nodes.length)
  const unaccounted = new Float64Array(tree.nodes.length)
  for (const n of tree.nodes) {
    // a leaf's self time is its duration (no interval list to build)
    if (n.children.length === 0) {
      if (n.span) known[n.index] = Math.max(0, n.duration)
      continue
    }
    const t = selfTimeOf(tree, n.index)
    known[n.index] = t.known
    unaccounted[n.index] = t.unaccounted
  }
  return { known, unaccounted }
}

/**
 * The critical path: from each root, the chain of work that determined when it finished.
 * The standard backward walk: from the end of a span, the child that finished last before the
 * cursor is on the path and is walked the same way; the cursor then moves to that child's start,
 * and the walk goes on with the children that finished before it. A parallel child overlapped by a
 * later-finishing sibling on the path therefore is not on the path: it finished while that sibling
 * still ran. Children are clipped to their parent; async children (follows_from: the parent did
 * not wait for them) and placeholders are never on the path. Returns a flag per node (1 = on the path).
 * `from`: the spans whose paths are walked (default: the roots; path analysis walks from its entry spans).
 */
export function criticalPath(tree: TraceTree, from: readonly number[] = tree.roots): Uint8Array {
  const on = new Uint8Array(tree.nodes.length)
  const stack: number[] = []
  for (const r of from) if (tree.nodes[r]?.span) stack.push(r)
  while (stack.length) {
    const node = stack.pop() as number
    const n = tree.nodes[node]
    on[node] = 1
    const s = n.start
    const e = n.start + n.duration
    const kids: { i: number; start: number; end: number }[] = []
    for (const c of n.children) {
      const cn = tree.nodes[c]
      if (!cn.span || !n.span || followsFromParent(cn.span, n.span)) continue
      const start = Math.max(s, cn.start)
      const end = Math.min(e, cn.start + cn.duration)
      if (end >= start) kids.push({ i: c, start, end })
    }
    // latest end first; of children ending together, the one that started first (it covers the rest)
    kids.sort((a, b) => b.end - a.end || a.start - b.start)
    let cursor = e
    for (const k of kids) {
      if (cursor <= s) break
      if (k.end > cursor) continue
      stack.push(k.i)
      cursor = k.start
    }
  }
  return on
}

/** Self time of one node (see SelfTime). */
export function selfTimeOf(tree: TraceTree, index: number): SelfTime {
  const n = tree.nodes[index]
  if (!n?.span) return { known: 0, unaccounted: 0 }
  const s = n.start
  const e = n.start + n.duration
  const parts: [number, number][] = []
  let gap: [number, number] | null = null
  for (const c of n.children) {
    const cn = tree.nodes[c]
    if (cn.kind === 'missing-calls') gap = [Math.max(s, cn.start), Math.min(e, cn.start + cn.duration)]
    if (!cn.span) continue
    const cs = Math.max(s, cn.start)
    const ce = Math.min(e, cn.start + cn.duration)
    if (ce > cs) parts.push([cs, ce])
  }
  const uncovered = Math.max(0, n.duration - unionLength(parts))
  if (!gap || gap[1] <= gap[0]) return { known: uncovered, unaccounted: 0 }
  const [gs, ge] = gap
  const inGap: [number, number][] = []
  for (const [cs, ce] of parts) if (Math.min(ce, ge) > Math.max(cs, gs)) inGap.push([Math.max(cs, gs), Math.min(ce, ge)])
  const unaccounted = Math.max(0, ge - gs - unionLength(inGap))
  return { known: Math.max(0, uncovered - unaccounted), unaccounted }
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
