/**
 * Error volumes computed by the backend over every error trace of a window (no sampling), as a
 * source that can aggregate where the data is answers them (docs/api.md, `/errors/volumes`).
 * The sampled path (census.ts, estimate.ts) stays for sources that cannot. Types only, and the
 * significance of a change between two such counts. Pure.
 */
import type { Partiality } from '../model'
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
