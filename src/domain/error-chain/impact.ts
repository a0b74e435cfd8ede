/** Impact of the chains on the entries they reach. Pure. */
import type { MetricResult } from '../model'
import type { ChainGroup } from './aggregate'

/** Entries reached by live chains, most estimated errors first. */
export function entriesReached(groups: readonly ChainGroup[]): { service: string; estimated: number; chains: number }[] {
  const m = new Map<string, { service: string; estimated: number; chains: number }>()
  for (const g of groups) {
    if (!g.reachedEntry || g.count === 0) continue
    const e = m.get(g.endService) ?? { service: g.endService, estimated: 0, chains: 0 }
    e.estimated += g.estimated
    e.chains += 1
    m.set(g.endService, e)
  }
  return [...m.values()].sort((a, b) => b.estimated - a.estimated || a.service.localeCompare(b.service))
}

/** Mean of every non-null point of every series (e.g. a window's error rate); null without data. */
export function meanOfSeries(r: MetricResult | undefined): number | null {
  if (!r) return null
  let sum = 0
  let n = 0
  for (const s of r.series) {
    for (const [, v] of s.points) {
      if (v === null || !Number.isFinite(v)) continue
      sum += v
      n += 1
    }
  }
  return n > 0 ? sum / n : null
}
