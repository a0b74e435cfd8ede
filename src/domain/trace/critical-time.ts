/** Time each span spends on the critical path on its own (µs). */
import type { TraceTree } from './tree'

/**
 * For a span on the critical path (`onPath` from criticalPath), the part of its duration that no
 * critical child covers: the moments of the trace's duration for which this span, and none of its
 * callees, is what the request was waiting on. Off-path spans get 0.
 *
 * The backward walk of criticalPath picks children that do not overlap one another (each ends at or
 * before the previous one's start), so along the path these times partition each root's duration:
 * their sum over a root's subtree is the root's duration. That makes them additive across traces:
 * the difference of two traces' durations is the sum of the differences of these times, path by
 * path (compare). Children are clipped to their parent, as in criticalPath; with raw timing (no skew
 * correction) a child sticking out of its parent is counted only inside it.
 */
export function criticalTimes(tree: TraceTree, onPath: Uint8Array): Float64Array {
  const out = new Float64Array(tree.nodes.length)
  for (const n of tree.nodes) {
    if (!onPath[n.index] || !n.span) continue
    const s = n.start
    const e = n.start + n.duration
    let covered = 0
    for (const c of n.children) {
      if (!onPath[c]) continue
      const cn = tree.nodes[c]
      covered += Math.max(0, Math.min(e, cn.start + cn.duration) - Math.max(s, cn.start))
    }
    out[n.index] = Math.max(0, n.duration - covered)
  }
  return out
}
