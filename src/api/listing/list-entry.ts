import { planStrata } from '../../domain/error-chain/census'
import type { ListedTrace, StratumListing } from '../../domain/error-chain/census'
import { completeInclusion } from '../../domain/paths/digest'
import type { Partiality, SamplingMode, TraceSearchResult } from '../../domain/model'
import { listWindow } from './list-window'

/** A listed trace of the entry: what the sample and the duration split need. */
export interface EntryListed extends ListedTrace {
  /** µs: the trace's duration as the search summarised it */
  duration: number
  mode: SamplingMode
  rateKnown: boolean
}

export interface EntryListing {
  listings: StratumListing[]
  /** PostTrace captures of the entry in the window: listed, never analysed (docs/paths.md) */
  postTrace: number
  /** number of time slices */
  strata: number
}

export type EntrySearch = (q: { from: number; to: number; limit: number }) => Promise<TraceSearchResult>

/**
 * Every stored trace in the window that `search` finds (the entry's, with the conditions), stratum by stratum (the errors page's listing:
 * equal time slices, each paged until complete, a budget past which listed parts are scaled).
 * Each is listed with the probability that a complete trace like it was kept (completeInclusion);
 * PostTrace captures are counted apart and left out.
 */
export async function listEntry(
  search: EntrySearch,
  window: { from: number; to: number },
  opts: { signal?: AbortSignal; onPartial?: (p: Partiality) => void; onStratum?: (done: number, of: number) => void; budget?: number } = {},
): Promise<EntryListing> {
  let postTrace = 0
  const listings = await listWindow(search, window, {
    ...opts,
    toListed: (t) => {
      if (t.sampling.mode === 'posttrace') {
        postTrace += 1
        return null
      }
      // a trace whose root is another operation contains the entry deeper in: it is analysed too
      const inc = completeInclusion({ mode: t.sampling.mode, rate: t.sampling.rate, samplerRate: t.sampling.samplerRate, triggerSpanId: null, triggerTime: null })
      const listed: EntryListed = { traceId: t.traceId, startTime: t.startTime, rate: inc.rate, duration: t.duration, mode: t.sampling.mode, rateKnown: inc.known && t.sampling.rate > 0 }
      return listed
    },
  })
  return { listings, postTrace, strata: planStrata(window).length }
}

/** The weighted quantile q of the listed traces' durations (each 1/p): the threshold of a slow/normal split. */
export function listedDurationQuantile(listings: readonly StratumListing[], q: number): number | null {
  const items: { d: number; w: number }[] = []
  for (const l of listings) for (const t of l.traces as EntryListed[]) items.push({ d: t.duration, w: 1 / Math.max(1e-12, t.rate) })
  if (items.length === 0) return null
  items.sort((a, b) => a.d - b.d)
  const total = items.reduce((s, x) => s + x.w, 0)
  let acc = 0
  for (const x of items) {
    acc += x.w
    if (acc >= q * total) return x.d
  }
  return items[items.length - 1]?.d ?? null
}

/** The listing restricted to traces at or above (`slow`) or below (`normal`) a duration threshold. */
export function splitListing(listings: readonly StratumListing[], threshold: number, side: 'slow' | 'normal'): StratumListing[] {
  return listings.map((l) => ({ ...l, traces: (l.traces as EntryListed[]).filter((t) => (side === 'slow' ? t.duration >= threshold : t.duration < threshold)) }))
}
