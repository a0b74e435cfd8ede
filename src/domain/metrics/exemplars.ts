/**
 * Exemplar thinning: a chart cannot show every exemplar, and showing only the first one per
 * bucket (as many tools do) hides exactly the interesting ones. Per cell (a time bucket), the
 * failing and the slowest exemplars always survive; the rest fill up to the cell budget. Pure.
 */
import type { Exemplar } from '../model'

export interface ThinnedExemplar extends Exemplar {
  /** how many exemplars the cell held before thinning */
  cellCount: number
}

export interface ThinResult {
  kept: ThinnedExemplar[]
  /** exemplars received */
  total: number
}

export interface ThinOptions {
  /** cell width in ms (typically the chart's step, or a few) */
  cellMs: number
  /** most exemplars kept per cell (at least 2: the slowest and the slowest failing) */
  perCell?: number
}

const slowestFirst = (a: Exemplar, b: Exemplar) => b.latency - a.latency || a.traceId.localeCompare(b.traceId)

export function thinExemplars(exemplars: readonly Exemplar[], opts: ThinOptions): ThinResult {
  const perCell = Math.max(2, opts.perCell ?? 3)
  const cells = new Map<number, Exemplar[]>()
  for (const e of exemplars) {
    const cell = Math.floor(e.time / opts.cellMs)
    const list = cells.get(cell)
    if (list) list.push(e)
    else cells.set(cell, [e])
  }
  const kept: ThinnedExemplar[] = []
  for (const list of cells.values()) {
    const sorted = [...list].sort(slowestFirst)
    const chosen = new Set<Exemplar>()
    const first = sorted[0]
    if (first) chosen.add(first)
    const failing = sorted.filter((e) => e.isError)
    // the slowest failing one always survives, then more failing ones before fast successes
    for (const e of failing) {
      if (chosen.size >= perCell) break
      chosen.add(e)
    }
    for (const e of sorted) {
      if (chosen.size >= perCell) break
      chosen.add(e)
    }
    for (const e of chosen) kept.push({ ...e, cellCount: list.length })
  }
  kept.sort((a, b) => a.time - b.time || slowestFirst(a, b))
  return { kept, total: exemplars.length }
}
