/** Builders of small traces for the trace domain tests. */
import type { Span, Trace } from '../model'

export function span(id: string, parent: string | null, start: number, duration: number, extra: Partial<Span> = {}): Span {
  return {
    traceId: 't1',
    spanId: id,
    parentSpanId: parent,
    name: `op-${id}`,
    kind: 'server',
    service: 'svc',
    startTime: start,
    duration,
    status: 'ok',
    resource: { ServiceName: extra.service ?? 'svc', DC: 'dc-east' },
    tags: {},
    events: [],
    metrics: {},
    ...extra,
  }
}

export function trace(spans: Span[], sampling: Partial<Trace['sampling']> = {}): Trace {
  return {
    traceId: 't1',
    spans,
    sampling: { mode: 'probability', rate: 0.001, triggerSpanId: null, triggerTime: null, ...sampling },
    warnings: [],
  }
}
