import { describe, expect, it } from 'vitest'
import { jaegerToTraces } from './jaeger'
import { otlpToTraces } from './otlp'
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

/** The same names through OTLP JSON: span attributes (mapped onto console tags on the way), event and resource attributes, a kvlist value. */
const otlp = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }, { key: '__proto__', value: { stringValue: 'in the resource' } }, { key: 'constructor', value: { stringValue: 'res-evil' } }] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: 'a1',
              spanId: 'b1',
              name: 'GET /x',
              kind: 3,
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000000001000000',
              attributes: [
                { key: 'http.request.method', value: { stringValue: 'GET' } },
                { key: '__proto__', value: { stringValue: '{"polluted":true}' } },
                { key: 'constructor', value: { stringValue: 'evil' } },
                { key: 'nested', value: { kvlistValue: { values: [{ key: '__proto__', value: { stringValue: 'inner' } }] } } },
              ],
              events: [{ timeUnixNano: '1700000000000100000', name: 'e', attributes: [{ key: '__proto__', value: { stringValue: 'in an event' } }] }],
            },
          ],
        },
      ],
    },
  ],
}

describe('the same names from OTLP JSON', () => {
  const span = otlpToTraces(otlp)[0].spans[0]

  it('are kept on the span (beside the console tags mapped from known attributes), its events and its resource', () => {
    expect(Object.getOwnPropertyDescriptor(span.tags, '__proto__')?.value).toBe('{"polluted":true}')
    expect(Object.getOwnPropertyDescriptor(span.tags, 'constructor')?.value).toBe('evil')
    expect(JSON.parse(String(span.tags.nested))).toEqual(JSON.parse('{"__proto__":"inner"}'))
    expect(span.tags.ToServiceType).toBe('http')
    expect(Object.getOwnPropertyDescriptor(span.events[0].attributes, '__proto__')?.value).toBe('in an event')
    expect(Object.getOwnPropertyDescriptor(span.resource, '__proto__')?.value).toBe('in the resource')
    expect(Object.getOwnPropertyDescriptor(span.resource, 'constructor')?.value).toBe('res-evil')
    expect(Object.getPrototypeOf(span.tags)).toBe(Object.getPrototypeOf({}))
  })

  it('pollute nothing', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(typeof ({}).constructor).toBe('function')
  })
})
