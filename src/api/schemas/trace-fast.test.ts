import { describe, expect, it } from 'vitest'
import { FAST_PATH_SPANS, TraceResponseFastSchema } from './trace-fast'

const span = (i: number) => ({
  traceId: 't', spanId: `s${i}`, parentSpanId: i === 0 ? null : 's0', name: 'op', kind: 'server', service: 'svc',
  startTime: 1, duration: 2, status: 'ok', resource: { DC: 'x' }, tags: { IsError: 0, ok: true, m: 'x' },
  events: [{ time: 1, name: 'log', attributes: { message: 'hi' } }], metrics: { size: 3 },
})
const body = (n: number) => ({
  trace: { traceId: 't', spans: Array.from({ length: n }, (_, i) => span(i)), sampling: { mode: 'probability', rate: 0.5, triggerSpanId: null, triggerTime: null }, warnings: [] },
})

describe('TraceResponseFastSchema', () => {
  it('accepts valid small and large traces', () => {
    expect(TraceResponseFastSchema.parse(body(3)).trace.spans).toHaveLength(3)
    expect(TraceResponseFastSchema.parse(body(FAST_PATH_SPANS + 5)).trace.spans).toHaveLength(FAST_PATH_SPANS + 5)
  })

  it('rejects a bad field in a large trace, naming its path like zod does for small ones', () => {
    for (const n of [3, FAST_PATH_SPANS + 5]) {
      const b = body(n)
      ;(b.trace.spans[2] as Record<string, unknown>).duration = -1
      const r = TraceResponseFastSchema.safeParse(b)
      expect(r.success).toBe(false)
      expect(r.error?.issues[0].path).toEqual(['trace', 'spans', 2, 'duration'])
    }
    const b = body(FAST_PATH_SPANS + 5)
    ;(b.trace.spans[7].tags as Record<string, unknown>).bad = { nested: 1 }
    expect(TraceResponseFastSchema.safeParse(b).error?.issues[0].path).toEqual(['trace', 'spans', 7, 'tags', 'bad'])
    const c = body(FAST_PATH_SPANS + 5)
    ;(c.trace.spans[9] as Record<string, unknown>).kind = 'weird'
    expect(TraceResponseFastSchema.safeParse(c).error?.issues[0].path).toEqual(['trace', 'spans', 9, 'kind'])
  })
})
