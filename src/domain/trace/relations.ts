/** How spans relate to their parents. */
import type { Span } from '../model'

/**
 * True when the parent did not wait for `span`: the relation the source states (Jaeger
 * FOLLOWS_FROM, a follows_from span link), or, when it says nothing, messaging (a consumer span, or
 * any child of a producer span: a message is consumed after it was published). Such a span's
 * timing and failure are not its parent's: it is never moved inside the parent for clock skew,
 * never on the parent's critical path.
 */
export function followsFromParent(span: Pick<Span, 'kind' | 'parentRelation'>, parent: Pick<Span, 'kind'> | null): boolean {
  if (span.parentRelation !== undefined) return span.parentRelation === 'follows_from'
  return span.kind === 'consumer' || parent?.kind === 'producer'
}

/** The retry attempt a client span records (OpenTelemetry `http.request.resend_count`), 0 for a first attempt. */
export function resendCount(span: Pick<Span, 'tags'>): number {
  const v = Number(span.tags['http.request.resend_count'])
  return Number.isInteger(v) && v > 0 ? v : 0
}
