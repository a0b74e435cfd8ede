import { describe, expect, it } from 'vitest'
import type { Span, Trace } from '../model'
import { matchingSpan } from './span-match'

const T0 = 1_700_000_000_000
const span = (id: string, service: string, name: string, startMs: number, durUs: number, extra: Partial<Span> = {}): Span => ({
  traceId: 't', spanId: id, parentSpanId: id === 'root' ? null : 'root', name, kind: 'server', service,
  startTime: startMs * 1000, duration: durUs, status: 'ok', resource: { DC: 'dc-east' }, tags: {}, events: [], metrics: {}, ...extra,
})
const trace: Trace = {
  traceId: 't',
  sampling: { mode: 'probability', rate: 0.001, triggerSpanId: null, triggerTime: null },
  warnings: [],
  spans: [
    span('root', 'api-gateway', 'POST /api/checkout', T0, 900_000),
    span('a', 'order-service', 'CreateOrder', T0 + 10, 4_000),
    span('b', 'order-service', 'CreateOrder', T0 + 20, 11_000, { resource: { DC: 'dc-west' } }),
    span('c', 'order-service', 'CreateOrder', T0 + 30, 9_000, { status: 'error' }),
    span('late', 'order-service', 'CreateOrder', T0 + 70_000, 50_000),
  ],
}
const q = { service: 'order-service', operation: 'CreateOrder', from: T0, to: T0 + 60_000 }

describe('matchingSpan', () => {
  it('judges each span of the service by its own duration, not the trace’s, and names the slowest', () => {
    expect(matchingSpan(trace, { ...q, span: { minDuration: 8_000 } })).toEqual({
      spanId: 'b', service: 'order-service', operation: 'CreateOrder', startTime: (T0 + 20) * 1000, duration: 11_000, status: 'ok', count: 2,
    })
    // the 900 ms trace has no order-service span of 20 ms: no match, whatever the trace's duration
    expect(matchingSpan(trace, { ...q, span: { minDuration: 20_000 } })).toBeNull()
  })

  it('applies status and tags to that same span, and only to spans starting in the window', () => {
    expect(matchingSpan(trace, { ...q, span: { status: 'error' } })?.spanId).toBe('c')
    expect(matchingSpan(trace, { ...q, span: { status: 'error', tags: [{ key: 'DC', value: 'dc-west' }] } })).toBeNull()
    expect(matchingSpan(trace, { ...q, span: { tags: [{ key: 'DC', value: 'dc-west' }] } })?.spanId).toBe('b')
    // 'late' (50 ms) started after the window
    expect(matchingSpan(trace, { ...q, span: { minDuration: 40_000 } })).toBeNull()
    expect(matchingSpan(trace, { ...q, span: {} })).toMatchObject({ spanId: 'a', count: 3 })
  })

  it('for a whole service, counts the spans it serves, not the calls it makes', () => {
    const withCall = { ...trace, spans: [...trace.spans, span('call', 'order-service', 'INSERT orders', T0 + 40, 30_000, { kind: 'client' })] }
    expect(matchingSpan(withCall, { service: 'order-service', from: T0, to: T0 + 60_000, span: { minDuration: 20_000 } })).toBeNull()
    expect(matchingSpan(withCall, { ...q, operation: 'INSERT orders', span: { minDuration: 20_000 } })?.spanId).toBe('call')
  })
})
