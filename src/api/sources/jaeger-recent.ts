import type { Trace } from '../../domain/model'

/**
 * The whole traces a search has just downloaded (Jaeger answers a search with whole traces), kept a
 * short while so that opening one, or the error analysis fetching each, does not download it again.
 * Bounded by spans held; a trace older than `ttlMs` is asked for again (spans may still arrive).
 */
export class RecentTraces {
  private readonly byId = new Map<string, { trace: Trace; at: number }>()
  private spans = 0

  constructor(
    private readonly maxSpans = 400_000,
    private readonly ttlMs = 120_000,
    private readonly clock: () => number = Date.now,
  ) {}

  put(trace: Trace): void {
    this.drop(trace.traceId)
    if (trace.spans.length > this.maxSpans) return
    this.byId.set(trace.traceId, { trace, at: this.clock() })
    this.spans += trace.spans.length
    for (const id of this.byId.keys()) {
      if (this.spans <= this.maxSpans) break
      this.drop(id)
    }
  }

  get(traceId: string): Trace | null {
    const hit = this.byId.get(traceId)
    if (!hit) return null
    if (this.clock() - hit.at > this.ttlMs) {
      this.drop(traceId)
      return null
    }
    return hit.trace
  }

  private drop(traceId: string): void {
    const hit = this.byId.get(traceId)
    if (!hit) return
    this.spans -= hit.trace.spans.length
    this.byId.delete(traceId)
  }
}
