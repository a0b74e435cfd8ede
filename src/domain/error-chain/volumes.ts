/**
 * Error volumes computed by the backend over every error trace of a window (no sampling), as a
 * source that can aggregate where the data is answers them (docs/api.md, `/errors/volumes`).
 * The sampled path (census.ts, estimate.ts) stays for sources that cannot. Pure.
 */
import type { Partiality } from '../model'
import { trendOf } from './aggregate'
import type { ChainAggregate, ChainGroup } from './aggregate'
import type { Estimate } from './census'
import type { ChainStop } from './types'

export interface ChainVolume {
  signature: string
  hops: { service: string; operation: string }[]
  stop: Exclude<ChainStop, 'parent-missing'>
  asyncEntry: boolean
  /** error traces carrying the chain in the window */
  count: number
}

export interface WindowErrorVolumes {
  /** ms */
  from: number
  to: number
  /** requests that entered in the window */
  requests: number
  /** requests in which some span failed; null when a service filter makes it unknown */
  errorTraces: number | null
  chains: ChainVolume[]
  /** per origin service: chains starting there */
  origins: { service: string; count: number }[]
  /** per entry reached: chains ending there */
  entries: { service: string; operation: string; count: number }[]
}

export interface ErrorVolumes {
  /**
   * What the counts rest on: `exact` when they count every stored error trace; `model` when they
   * are the expectation of a traffic model (the synthetic world), with `note` saying so in words.
   */
  basis: { kind: 'exact' | 'model'; note: string }
  window: WindowErrorVolumes
  /** the same window a day earlier */
  yesterday: WindowErrorVolumes
  partial: Partiality | null
}

/** A count over every error trace, as an Estimate (se 0, flagged exact). */
export const countEstimate = (count: number): Estimate => ({ value: count, se: 0, n: Math.round(count), exact: true })

/** The analysed sample's aggregate with the backend's volumes in place of the sampled estimates. */
export interface VolumedAggregate extends ChainAggregate {
  /** what the volumes rest on: the backend's counts, or null when they are estimated from the sample */
  volumes: {
    basis: ErrorVolumes['basis']
    /** chains the backend counted that no analysed trace carries (not shown as cards), and their error traces */
    unseenChains: number
    unseenTraces: number
  } | null
}

/**
 * Puts the backend's counts in place of the sample's estimates: each chain's volume now and
 * yesterday (and its trend), each origin's, and the window's error traces (unless a service filter
 * left them unknown). Chains seen only in the sample (a PostTrace capture that lost the path's
 * upper part has a signature no request really has) keep their sampled estimate. The chains are
 * still those the sample carries, with its examples and hints; the backend's other chains are
 * counted in `unseenChains`. Pure.
 */
export function withVolumes(agg: ChainAggregate, v: ErrorVolumes, opts: { origin?: string } = {}): VolumedAggregate {
  const now = new Map(v.window.chains.map((c) => [c.signature, c.count]))
  const before = new Map(v.yesterday.chains.map((c) => [c.signature, c.count]))
  const groups: ChainGroup[] = agg.groups.map((g) => {
    if (!now.has(g.signature) && !before.has(g.signature)) return g
    const estimate = countEstimate(now.get(g.signature) ?? 0)
    const baseline = countEstimate(before.get(g.signature) ?? 0)
    return { ...g, estimate, estimated: estimate.value, baseline, baselineEstimated: baseline.value, trend: trendOf(estimate, baseline) }
  })
  groups.sort((x, y) => y.estimated - x.estimated || y.baselineEstimated - x.baselineEstimated || x.signature.localeCompare(y.signature))
  const shown = new Set(groups.map((g) => g.signature))
  let unseenChains = 0
  let unseenTraces = 0
  for (const c of v.window.chains) {
    if (shown.has(c.signature) || (opts.origin && c.hops[0]?.service !== opts.origin) || c.count < 0.5) continue
    unseenChains += 1
    unseenTraces += c.count
  }
  const originNow = new Map(v.window.origins.map((o) => [o.service, o.count]))
  const originBefore = new Map(v.yesterday.origins.map((o) => [o.service, o.count]))
  const origins = agg.origins.map((o) =>
    originNow.has(o.service) || originBefore.has(o.service)
      ? { service: o.service, current: countEstimate(originNow.get(o.service) ?? 0), baseline: countEstimate(originBefore.get(o.service) ?? 0) }
      : o,
  )
  const total = v.window.errorTraces === null ? agg.total : countEstimate(v.window.errorTraces)
  const baselineTotal = v.yesterday.errorTraces === null ? agg.baselineTotal : countEstimate(v.yesterday.errorTraces)
  return {
    ...agg,
    groups,
    origins,
    total,
    baselineTotal,
    totalEstimated: total.value,
    baselineTotalEstimated: baselineTotal.value,
    volumes: { basis: v.basis, unseenChains, unseenTraces },
  }
}
