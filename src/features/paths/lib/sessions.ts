/** Digests kept per analysis, where the analysis runs (the worker, or the page without one). */
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import { aggregatePaths } from '../../../domain/paths/aggregate'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { digestPathTrace, KeyCache } from '../../../domain/paths/digest'
import type { PathDigest, PathEntry } from '../../../domain/paths/digest'
import type { Trace } from '../../../domain/model'
import { aggregateSources, digestSources } from '../../../domain/paths/sources'
import type { SourceDigest, SourcesAggregate, SourceTarget } from '../../../domain/paths/sources'

export class DigestSessions {
  private readonly sessions = new Map<string, PathDigest[]>()
  private readonly sources = new Map<string, SourceDigest[]>()
  private readonly keys = new Map<string, KeyCache>()

  digest(session: string, traces: Trace[], strata: number[], entry: PathEntry): number {
    const kept = this.sessions.get(session) ?? []
    let keys = this.keys.get(session)
    if (!keys) this.keys.set(session, (keys = new KeyCache()))
    traces.forEach((t, i) => {
      const d = digestPathTrace(t, entry, keys)
      d.stratum = strata[i] ?? -1
      kept.push(d)
    })
    this.sessions.set(session, kept)
    return kept.length
  }

  aggregate(session: string, design: SampleDesign, window: { from: number; to: number }, entry: PathEntry): PathAggregate {
    return aggregatePaths(this.sessions.get(session) ?? [], design, window, entry)
  }

  digestSources(session: string, traces: Trace[], strata: number[], target: SourceTarget): number {
    const kept = this.sources.get(session) ?? []
    traces.forEach((t, i) => {
      const d = digestSources(t, target)
      d.stratum = strata[i] ?? -1
      kept.push(d)
    })
    this.sources.set(session, kept)
    return kept.length
  }

  aggregateSources(session: string, design: SampleDesign, window: { from: number; to: number }, target: SourceTarget): SourcesAggregate {
    return aggregateSources(this.sources.get(session) ?? [], design, window, target)
  }

  drop(session: string): void {
    this.sessions.delete(session)
    this.sources.delete(session)
    this.keys.delete(session)
  }
}
