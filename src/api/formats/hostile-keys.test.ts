import { describe, expect, it } from 'vitest'
import { jaegerToTraces } from './jaeger'
import { groupTags } from '../../domain/trace/detail'
import { parseSearch, spanMatches } from '../../domain/trace/search'

/** A Jaeger trace of one span carrying tags whose names are members of Object.prototype. */
const trace = {
  data: [
    {
      traceID: 'a1',
      spans: [
        {
          traceID: 'a1',
          spanID: 'b1',
          operationName: 'GET /x',
          references: [],
          startTime: 1_700_000_000_000_000,
          duration: 1000,
          tags: [
            { key: '__proto__', type: 'string', value: '{"polluted":true}' },
            { key: 'constructor', type: 'string', value: 'evil' },
            { key: 'toString', type: 'string', value: 'plain' },
          ],
          logs: [{ timestamp: 1_700_000_000_000_100, fields: [{ key: '__proto__', type: 'string', value: 'in a log' }] }],
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 'checkout', tags: [{ key: '__proto__', type: 'string', value: 'in the process' }] } },
    },
  ],
}

describe('tags named like members of Object.prototype', () => {
  const span = jaegerToTraces(trace)[0].spans[0]

  it('are kept as tags, as text, on the span, its events and its resource', () => {
    expect(Object.getOwnPropertyDescriptor(span.tags, '__proto__')?.value).toBe('{"polluted":true}')
    expect(Object.getOwnPropertyDescriptor(span.tags, 'constructor')?.value).toBe('evil')
    expect(Object.getOwnPropertyDescriptor(span.tags, 'toString')?.value).toBe('plain')
    expect(Object.getOwnPropertyDescriptor(span.events[0].attributes, '__proto__')?.value).toBe('in a log')
    expect(Object.getOwnPropertyDescriptor(span.resource, '__proto__')?.value).toBe('in the process')
  })

  it('pollute nothing', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(typeof ({}).constructor).toBe('function')
  })

  it('are listed in the span detail', () => {
    const listed = groupTags(span).flatMap((g) => g.entries.map(([k, v]) => `${k}=${String(v)}`))
    expect(listed).toEqual(expect.arrayContaining(['__proto__={"polluted":true}', 'constructor=evil', 'toString=plain']))
  })

  it('are found by in-trace search, and no inherited member reads as a tag', () => {
    expect(spanMatches(span, parseSearch('constructor=evil'))).toBe(true)
    expect(spanMatches(span, parseSearch('__proto__={"polluted":true}'))).toBe(true)
    expect(spanMatches(span, parseSearch('__proto__'))).toBe(true)
    expect(spanMatches(span, parseSearch('hasOwnProperty=x'))).toBe(false)
    expect(spanMatches(span, parseSearch('valueOf=function'))).toBe(false)
  })
})
