import type { MatchedSpan } from '../../src/domain/model'
import { isMetricLabel } from './dimensions'
import { matchFilter, spanStandsFor } from './exemplars'
import type { Incidents } from './incidents'
import { durationOf, materialize, resourceOf, spanIdOf, startOf } from './spans'
import type { GeneratedTrace } from './trace'
import type { GenSpan } from './trace-gen'
import type { OpRec, World } from './world'

/**
 * Span-level search conditions (docs/api.md `spanMinDuration`, `spanStatus`, `spanTag`): a trace
 * matches when one span standing for one of `ops` (the server/consumer span of a service's
 * operation, or the client/producer span calling a storage/MQ operation, as the metric series
 * count them) starts in the window and meets every condition on its own.
 */
export interface SpanSearch {
  ops: OpRec[]
  /** ms since epoch: the matching span starts in [from, to) */
  from: number
  to: number
  /** µs */
  minDuration?: number
  status?: 'error'
  tags: { key: string; value: string }[]
}

/** The matching span of a generated trace (the slowest when a duration is asked, else the earliest), or null. */
export function matchSpan(world: World, inc: Incidents, id: string, gen: GeneratedTrace, q: SpanSearch): MatchedSpan | null {
  const opSet = new Set(q.ops.map((o) => o.idx))
  const fromUs = q.from * 1000
  const toUs = q.to * 1000
  const labelTags = q.tags.filter((t) => isMetricLabel(t.key))
  const otherTags = q.tags.filter((t) => !isMetricLabel(t.key))
  // tags that are not metric labels are read from the wire spans, built once and only when needed
  let wire: Map<string, { tags: Record<string, unknown>; resource: Record<string, string> }> | null = null
  const wireOf = (s: GenSpan) => {
    wire ??= new Map(materialize(world, inc, id, gen.key.seed, gen.all, gen.kept).map((w) => [w.spanId, w]))
    return wire.get(spanIdOf(gen.key.seed, s.idx))
  }
  const hits: GenSpan[] = []
  for (const s of gen.kept) {
    if (!opSet.has(s.op) || !q.ops.some((o) => spanStandsFor(s, o))) continue
    const start = startOf(s)
    if (start < fromUs || start >= toUs) continue
    if (q.minDuration !== undefined && durationOf(s) < q.minDuration) continue
    if (q.status === 'error' && !s.error) continue
    if (labelTags.length) {
      const res = resourceOf(world, s, inc)
      if (!labelTags.every((t) => isMetricLabel(t.key) && matchFilter(world, s, res, { key: t.key, value: t.value }))) continue
    }
    if (otherTags.length) {
      const w = wireOf(s)
      if (!w || !otherTags.every((t) => String(w.tags[t.key] ?? w.resource[t.key] ?? '') === t.value)) continue
    }
    hits.push(s)
  }
  if (hits.length === 0) return null
  const pick =
    q.minDuration !== undefined
      ? hits.reduce((a, b) => (durationOf(b) > durationOf(a) ? b : a))
      : hits.reduce((a, b) => (startOf(b) < startOf(a) ? b : a))
  const op = world.ops[pick.op]
  return {
    spanId: spanIdOf(gen.key.seed, pick.idx),
    // the span's own service: for a storage/MQ operation, the caller making the client span
    service: world.services[pick.service].name,
    operation: op.name,
    startTime: startOf(pick),
    duration: durationOf(pick),
    status: pick.error ? 'error' : 'ok',
    count: hits.length,
  }
}
