/**
 * Capacity what-if on measured call ratios: "this entry × factor" adds, to every service its
 * requests reach, (factor − 1) × the calls per second that arrive there on the entry's behalf —
 * the entry's rate times the calls per request measured from its sampled traces, operation by
 * operation along the paths they really take (not the service graph's ratios, which mix every
 * entry that calls a service). The rest of the service's traffic (other entries) is unchanged.
 * Each figure keeps the estimate's uncertainty. Pure.
 */
import type { TopologyNode } from '../model'
import type { PathAggregate } from './aggregate'
import type { Estimate } from './moments'
import { measuredRatios } from './measured-ratios'

export type WhatIfVerdict = 'over' | 'within' | 'uncertain' | 'unknown'

export interface PathWhatIfRow {
  service: string
  /** calls per entry request arriving at the service (measured) */
  callsPerEntry: Estimate
  /** extra calls/s from "entry × factor", with its uncertainty */
  extra: Estimate
  /** the service's whole current rate (the topology's, from the metrics), null when not known */
  current: number | null
  /** current + extra */
  expected: number | null
  capacity: number | null
  capacitySource: 'declared' | 'peak' | null
  /**
   * over: above capacity even at the low end of the extra's 95 % interval; within: below it even at
   * the high end; uncertain: the capacity lies inside the interval; unknown: no current rate or capacity
   */
  verdict: WhatIfVerdict
}

export function pathWhatIf(agg: PathAggregate, factor: number, services: readonly TopologyNode[]): PathWhatIfRow[] {
  const byService = new Map<string, TopologyNode>()
  for (const n of services) if (n.method === null && n.dc === null && n.cluster === null) byService.set(n.service, n)
  const k = factor - 1
  // the same measured ratios as the topology's what-if (measured-ratios.ts)
  const ratios = measuredRatios(agg).services
  const rows: PathWhatIfRow[] = []
  for (const a of agg.arrivals) {
    const callsPerEntry = ratios.get(a.service)
    if (a.operation !== null || !a.rps || !callsPerEntry) continue
    const extra: Estimate = { value: a.rps.value * k, se: a.rps.se * Math.abs(k), n: a.rps.n }
    const node = byService.get(a.service)
    const current = node ? node.rps : null
    const capacity = node ? (node.capacityRps ?? (node.peakRps > 0 ? node.peakRps : null)) : null
    const expected = current === null ? null : current + extra.value
    let verdict: WhatIfVerdict = 'unknown'
    if (current !== null && capacity !== null) {
      const lo = current + extra.value - 1.96 * extra.se
      const hi = current + extra.value + 1.96 * extra.se
      verdict = lo > capacity ? 'over' : hi <= capacity ? 'within' : 'uncertain'
    }
    rows.push({ service: a.service, callsPerEntry, extra, current, expected, capacity, capacitySource: node ? (node.capacityRps !== null ? 'declared' : capacity !== null ? 'peak' : null) : null, verdict })
  }
  const rank: Record<WhatIfVerdict, number> = { over: 0, uncertain: 1, within: 2, unknown: 3 }
  const load = (r: PathWhatIfRow) => (r.expected !== null && r.capacity ? r.expected / r.capacity : 0)
  return rows.sort((x, y) => rank[x.verdict] - rank[y.verdict] || load(y) - load(x) || y.extra.value - x.extra.value)
}
