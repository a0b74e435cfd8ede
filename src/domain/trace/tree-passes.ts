/** The passes of buildTraceTree (./tree.ts) that run over the finished pre-order nodes. */
import type { SamplingInfo } from '../model'
import { followsFromParent } from './relations'
import type { TreeNode } from './tree'


/**
 * The rule of clock-skew correction: µs a child (start and duration, its parent's shift already
 * added) must move to sit inside its parent; 0 when it does. A child longer than its parent is
 * aligned with the parent's start.
 */
export function skewExtra(start: number, duration: number, parentStart: number, parentDuration: number): number {
  if (start < parentStart || duration > parentDuration) return parentStart - start
  const over = start + duration - (parentStart + parentDuration)
  return over > 0 ? -over : 0
}

/** Clock-skew correction, top-down: a child (with its subtree) is moved inside its parent. Returns how many spans were off. */
export function correctSkew(nodes: TreeNode[], adjustSkew: boolean): number {
  let skewAdjustedCount = 0
  const inherited = new Float64Array(nodes.length)
  for (const n of nodes) {
    if (!n.span) continue
    const p = n.parent === -1 ? null : nodes[n.parent]
    let shift = p && p.span ? inherited[p.index] : 0
    n.start = n.span.startTime + shift
    // async work (a consumer may run long after its producer finished) is never moved
    if (p && p.span && !followsFromParent(n.span, p.span)) {
      const extra = skewExtra(n.start, n.duration, p.start, p.duration)
      if (extra !== 0) {
        skewAdjustedCount++
        if (adjustSkew) {
          shift += extra
          n.start += extra
          n.skewShift = extra
        }
      }
    }
    inherited[n.index] = shift
  }
  return skewAdjustedCount
}

/**
 * Placeholders take the extent of what they stand for; subtree sizes and errors below are summed
 * bottom-up; each node learns where the first hidden error below it started. Returns the trace's extent.
 */
export function finishNodes(nodes: TreeNode[], sampling: Pick<SamplingInfo, 'triggerTime'>, triggerIndex: number): { start: number; end: number } {
  let traceStart = Infinity
  let traceEnd = -Infinity
  for (const n of nodes) {
    if (!n.span) continue
    if (n.start < traceStart) traceStart = n.start
    if (n.start + n.duration > traceEnd) traceEnd = n.start + n.duration
  }
  if (!Number.isFinite(traceStart)) {
    traceStart = 0
    traceEnd = 0
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]
    if (n.kind === 'missing-parent') {
      let s = Infinity
      let e = -Infinity
      for (const c of n.children) {
        s = Math.min(s, nodes[c].start)
        e = Math.max(e, nodes[c].start + nodes[c].duration)
      }
      n.start = Number.isFinite(s) ? s : traceStart
      n.duration = Number.isFinite(e) ? e - n.start : 0
    } else if (n.kind === 'missing-calls') {
      // from the parent's start to the trigger (or the parent's end, when it ended first)
      const parent = n.parent === -1 ? null : nodes[n.parent]
      const from = parent ? parent.start : traceStart
      const trigger = triggerIndex >= 0 ? nodes[triggerIndex] : null
      const shift = trigger?.span ? trigger.start - trigger.span.startTime : 0
      const at = sampling.triggerTime !== null ? sampling.triggerTime + shift : trigger ? trigger.start + trigger.duration : from
      const to = parent ? Math.min(at, parent.start + parent.duration) : at
      n.start = from
      n.duration = Math.max(0, to - from)
    }
    if (n.parent !== -1) {
      const p = nodes[n.parent]
      p.subtreeSize += n.subtreeSize
      p.errorsBelow += n.errorsBelow + (n.isError ? 1 : 0)
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]
    for (const c of n.children) {
      const below = nodes[c].errorOriginBelow
      if (below !== -1) {
        n.errorOriginBelow = below
        break
      }
      if (nodes[c].isError) {
        n.errorOriginBelow = c
        break
      }
    }
  }
  return { start: traceStart, end: traceEnd }
}

export interface WarningFacts {
  orphanCount: number
  duplicateIds: Set<string>
  cycleSpanIds: string[]
  skewAdjustedCount: number
  adjustSkew: boolean
}

/** Plain-words warnings about the data, after the source's own. */
export function treeWarnings(source: string[], f: WarningFacts): string[] {
  const { orphanCount, duplicateIds, cycleSpanIds, skewAdjustedCount, adjustSkew } = f
  const warnings = [...source]
  if (orphanCount > 0) {
    warnings.push(`${orphanCount} span${orphanCount > 1 ? 's have' : ' has'} a parent that is not in the trace; shown under "missing parent".`)
  }
  if (duplicateIds.size > 0) {
    warnings.push(`${duplicateIds.size} span id${duplicateIds.size > 1 ? 's are' : ' is'} used more than once (${[...duplicateIds].slice(0, 5).join(', ')}); every copy is shown.`)
  }
  if (cycleSpanIds.length > 0) {
    warnings.push(`Parent links form a loop at ${cycleSpanIds.slice(0, 5).join(', ')}; the loop was cut there.`)
  }
  if (skewAdjustedCount > 0) {
    const what = `${skewAdjustedCount} span${skewAdjustedCount > 1 ? 's' : ''}`
    warnings.push(
      adjustSkew
        ? `Clock skew: ${what} started or ended outside ${skewAdjustedCount > 1 ? 'their parents' : 'its parent'} and ${skewAdjustedCount > 1 ? 'were' : 'was'} moved inside.`
        : `Clock skew: ${what} start or end outside ${skewAdjustedCount > 1 ? 'their parents' : 'its parent'} (raw timing shown).`,
    )
  }
  return warnings
}
