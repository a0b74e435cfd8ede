/** The per-span figures the flame graph, the per-trace graph and the comparison share. */
import { criticalTimes } from './critical-time'
import { criticalPath, selfTimes } from './timing'
import type { SelfTimes } from './timing'
import type { TraceTree } from './tree'

export interface TraceFacts {
  self: SelfTimes
  /** criticalPath flags */
  onPath: Uint8Array
  /** criticalTimes */
  criticalTime: Float64Array
}

export function traceFacts(tree: TraceTree): TraceFacts {
  // worked out where the tree was built, when it was built elsewhere (the same walk)
  const onPath = tree.critical ?? criticalPath(tree)
  return { self: selfTimes(tree), onPath, criticalTime: criticalTimes(tree, onPath) }
}
