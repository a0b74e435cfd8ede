/**
 * Builds constructed traces for tests and benchmarks of error chains. Pure.
 * `call(parent, service, operation, opts)` adds a client span in the parent's service and the
 * callee's server span under it, which is how an RPC between two services appears in a trace.
 */
import type { SamplingInfo, Span, SpanEvent, SpanKind, SpanRelation, SpanStatus, TagValue, Trace } from '../model'

export interface SpanOpts {
  kind?: SpanKind
  error?: boolean
  code?: number | string
  /** µs offset from the trace start */
  at?: number
  tags?: Record<string, TagValue>
  resource?: Record<string, string>
  spanId?: string
  parentSpanId?: string | null
  events?: SpanEvent[]
  parentRelation?: SpanRelation
}

export class TraceBuilder {
  readonly spans: Span[] = []
  private next = 1
  sampling: SamplingInfo = { mode: 'probability', rate: 0.001, triggerSpanId: null, triggerTime: null }

  constructor(
    readonly traceId = 'trace-1',
    readonly start = 1_795_000_000_000_000,
  ) {}

  span(parent: Span | null, service: string, name: string, o: SpanOpts = {}): Span {
    const status: SpanStatus = o.error ? 'error' : 'ok'
    const tags: Record<string, TagValue> = { ...(o.tags ?? {}) }
    if (o.code !== undefined) tags.StatusCode = o.code
    tags.IsError = o.error ? 1 : 0
    const span: Span = {
      traceId: this.traceId,
      spanId: o.spanId ?? `s${this.next++}`,
      parentSpanId: o.parentSpanId !== undefined ? o.parentSpanId : (parent?.spanId ?? null),
      name,
      kind: o.kind ?? (parent ? 'internal' : 'server'),
      service,
      startTime: this.start + (o.at ?? this.spans.length * 10),
      duration: 1000,
      status,
      resource: { ServiceName: service, DC: 'dc-east', ...(o.resource ?? {}) },
      tags,
      events: o.events ?? [],
      metrics: {},
      ...(o.parentRelation ? { parentRelation: o.parentRelation } : {}),
    }
    this.spans.push(span)
    return span
  }

  /** A client span in the caller and, unless `calleeMissing`, the callee's server span under it. */
  call(
    parent: Span,
    service: string,
    operation: string,
    o: SpanOpts & { clientCode?: number | string; clientError?: boolean; calleeMissing?: boolean; type?: string; clientTags?: Record<string, TagValue> } = {},
  ): { client: Span; server: Span | null } {
    const clientError = o.clientError ?? o.error
    const client = this.span(parent, parent.service, `${service}.${operation}`, {
      kind: 'client',
      error: clientError,
      code: o.clientCode ?? o.code,
      at: o.at,
      tags: { ToService: service, ToMethod: operation, ToServiceType: o.type ?? 'thrift', ...(o.clientTags ?? {}) },
    })
    if (o.calleeMissing) return { client, server: null }
    const { clientTags: _, ...serverOpts } = o
    const server = this.span(client, service, operation, { ...serverOpts, kind: 'server' })
    return { client, server }
  }

  posttrace(triggerSpanId: string): this {
    this.sampling = { mode: 'posttrace', rate: 1, triggerSpanId, triggerTime: this.start }
    return this
  }

  build(): Trace {
    return { traceId: this.traceId, spans: [...this.spans], sampling: this.sampling, warnings: [] }
  }
}

/**
 * The synthetic incident's path: stock-service panics (500), order-service propagates it,
 * checkout-bff converts it to 502, api-gateway answers 500.
 */
export function checkoutFailure(traceId = 'trace-1', extraTags: Record<string, TagValue> = {}, start?: number): Trace {
  const b = new TraceBuilder(traceId, start)
  const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
  const bff = b.call(gw, 'checkout-bff', 'PlaceOrder', { error: true, code: 502, clientCode: 502 }).server as Span
  const order = b.call(bff, 'order-service', 'CreateOrder', { error: true, code: 500, clientCode: 500 }).server as Span
  b.call(order, 'stock-service', 'ReserveStock', { error: true, code: 500, tags: extraTags })
  return b.build()
}
