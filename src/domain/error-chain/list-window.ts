import { planStrata } from './census'
import type { ListedTrace, Stratum, StratumListing } from './census'
import type { Partiality, TraceSearchResult, TraceSummary } from '../model'

/** How a listed summary enters the listing (null: left out of it, e.g. a trace that cannot stand for its kind). */
export type ToListed = (t: TraceSummary) => ListedTrace | null
const defaultListed: ToListed = (t) => ({ traceId: t.traceId, startTime: t.startTime, rate: t.sampling.rate })

/** error traces asked for per search request while listing a stratum */
export const LIST_PAGE = 1000
/** stored error traces listed per window at most; past it, listed parts of strata are scaled up */
export const LIST_BUDGET = 20_000

export interface Budget {
  left: number
}

/**
 * Every stored error trace of one stratum, paged back in time (newest first, as searches answer)
 * until a page is not truncated or the window's budget runs out. `search` asks for [from, to).
 */
export async function listStratum(
  search: (q: { from: number; to: number; limit: number }) => Promise<TraceSearchResult>,
  stratum: Stratum,
  budget: Budget,
  onPartial: (p: Partiality) => void,
  toListed: ToListed = defaultListed,
): Promise<StratumListing> {
  const seen = new Set<string>()
  const traces: ListedTrace[] = []
  let to = stratum.to
  for (;;) {
    const limit = Math.min(LIST_PAGE, Math.max(1, budget.left))
    const page = await search({ from: stratum.from, to, limit })
    if (page.partial) onPartial(page.partial)
    let added = 0
    let oldest = Infinity
    for (const t of page.traces) {
      oldest = Math.min(oldest, t.startTime)
      if (seen.has(t.traceId)) continue
      seen.add(t.traceId)
      added += 1
      const listed = toListed(t)
      if (listed) traces.push(listed)
    }
    budget.left -= added
    if (!page.truncated) return { ...stratum, traces, coveredFrom: stratum.from }
    // the next page ends at the oldest trace's millisecond (kept: others may share it)
    const next = Math.floor(oldest / 1000) + 1
    if (added === 0 || budget.left <= 0 || !Number.isFinite(oldest) || next >= to || next <= stratum.from) {
      return { ...stratum, traces, coveredFrom: Number.isFinite(oldest) ? Math.min(stratum.to, Math.max(stratum.from, Math.floor(oldest / 1000))) : stratum.to }
    }
    to = next
  }
}

/** strata listed at the same time */
const LIST_CONCURRENCY = 4

/**
 * The whole window's stored error traces, listed in the strata of planStrata (four at a time).
 * `onStratum` reports each stratum as it completes; `signal` stops between requests.
 */
export async function listWindow(
  search: (q: { from: number; to: number; limit: number }) => Promise<TraceSearchResult>,
  window: Stratum,
  opts: { budget?: number; signal?: AbortSignal; onPartial?: (p: Partiality) => void; onStratum?: (done: number, of: number) => void; toListed?: ToListed } = {},
): Promise<StratumListing[]> {
  const strata = planStrata(window)
  const budget = { left: opts.budget ?? LIST_BUDGET }
  const listings = new Array<StratumListing>(strata.length)
  let next = 0
  let done = 0
  opts.onStratum?.(0, strata.length)
  const lane = async () => {
    while (!opts.signal?.aborted && next < strata.length) {
      const h = next++
      const stratum = strata[h]
      if (!stratum) break
      listings[h] = await listStratum(search, stratum, budget, opts.onPartial ?? (() => {}), opts.toListed)
      opts.onStratum?.(++done, strata.length)
    }
  }
  await Promise.all(Array.from({ length: LIST_CONCURRENCY }, lane))
  return listings
}
