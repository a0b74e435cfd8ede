/**
 * An entry's call ratios measured from its sampled traces, for views that need the ratios but not
 * the whole path page (the topology's capacity what-if): the paths page's listing (time slices over
 * the whole window, PostTrace captures left out), a sample stratified in time, each trace digested
 * and the digests aggregated with the same estimators (docs/paths.md). Digests are made a batch at a
 * time with a pause between batches, so the page stays responsive.
 */
import { allocateSample } from '../../domain/error-chain/census'
import { designOf } from '../../domain/error-chain/estimate'
import { aggregatePaths } from '../../domain/paths/aggregate'
import { digestPathTrace, KeyCache } from '../../domain/paths/digest'
import type { PathDigest, PathEntry } from '../../domain/paths/digest'
import { measuredRatios } from '../../domain/paths/measured-ratios'
import type { MeasuredRatios } from '../../domain/paths/measured-ratios'
import type { Trace, TraceSearchResult } from '../../domain/model'
import { listEntry } from './list-entry'

export interface MeasureEntryDeps {
  /** the trace search for the entry (service + operation) over a part of the window */
  search: (q: { from: number; to: number; limit: number }) => Promise<TraceSearchResult>
  getTrace: (traceId: string) => Promise<Trace>
}

export interface MeasuredEntry {
  ratios: MeasuredRatios
  /** stored traces listed, traces analysed (complete, digested), fetches that failed */
  listed: number
  analysed: number
  failed: number
}

const CONCURRENCY = 4
const BATCH = 20
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export async function measureEntry(deps: MeasureEntryDeps, entry: PathEntry, window: { from: number; to: number }, size: number, signal?: AbortSignal): Promise<MeasuredEntry> {
  const listed = await listEntry(deps.search, window, { signal })
  const design = designOf(listed.listings)
  const picks = allocateSample(listed.listings, size)
  const keys = new KeyCache()
  const digests: PathDigest[] = []
  let failed = 0
  let next = 0
  const lane = async () => {
    while (next < picks.length) {
      if (signal?.aborted) throw new DOMException('Aborted', 'AbortError')
      const p = picks[next++]
      if (!p) break
      let trace: Trace
      try {
        trace = await deps.getTrace(p.trace.traceId)
      } catch {
        failed++
        continue
      }
      const d = digestPathTrace(trace, entry, keys)
      d.stratum = p.stratum
      digests.push(d)
      if (digests.length % BATCH === 0) await pause()
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  const agg = aggregatePaths(digests, design, window, entry)
  return { ratios: measuredRatios(agg), listed: design.listed, analysed: agg.used, failed }
}
