/**
 * Two path trees of the same entry side by side (slow vs normal, today vs yesterday, DC A vs DC B,
 * a version vs the previous one): every node of either, with its figures in both, sorted by its
 * contribution to the difference in the entry's mean latency. Pure.
 *
 * A node's contribution is the difference of its critical-path time per entry request (A − B).
 * The critical path splits each entry span's duration into the nodes' own parts, so the
 * contributions of all nodes add up to the difference of the entry's mean latency.
 */
import type { PathAggregate, PathNodeStats } from './aggregate'

export interface CompareRow {
  key: string
  a: PathNodeStats | null
  b: PathNodeStats | null
  /** µs per entry request, A − B */
  contribution: number
  /** its standard error (the two samples are independent) */
  se: number
  /** share of the entry's latency difference (contribution / (mean A − mean B)); null when the means are equal */
  shareOfDifference: number | null
  /** calls per entry request, A − B */
  callsDelta: number
}

export interface PathComparison {
  rows: CompareRow[]
  /** µs: mean entry latency A − B, with its standard error */
  latencyDelta: number
  latencySe: number
}

export function comparePaths(a: PathAggregate, b: PathAggregate): PathComparison {
  const keys = new Set<string>([...a.nodes.map((n) => n.key), ...b.nodes.map((n) => n.key)])
  const ia = new Map(a.nodes.map((n) => [n.key, n]))
  const ib = new Map(b.nodes.map((n) => [n.key, n]))
  const latencyDelta = a.meanLatency.value - b.meanLatency.value
  const rows: CompareRow[] = []
  for (const key of keys) {
    const na = ia.get(key) ?? null
    const nb = ib.get(key) ?? null
    const contribution = (na?.criticalPerEntry.value ?? 0) - (nb?.criticalPerEntry.value ?? 0)
    rows.push({
      key,
      a: na,
      b: nb,
      contribution,
      se: Math.hypot(na?.criticalPerEntry.se ?? 0, nb?.criticalPerEntry.se ?? 0),
      shareOfDifference: latencyDelta !== 0 ? contribution / latencyDelta : null,
      callsDelta: (na?.callsPerEntry.value ?? 0) - (nb?.callsPerEntry.value ?? 0),
    })
  }
  // largest contribution in the direction of the difference first
  const sign = latencyDelta >= 0 ? 1 : -1
  rows.sort((x, y) => sign * (y.contribution - x.contribution) || (x.key < y.key ? -1 : 1))
  return { rows, latencyDelta, latencySe: Math.hypot(a.meanLatency.se, b.meanLatency.se) }
}
