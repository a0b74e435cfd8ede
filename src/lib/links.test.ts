// @vitest-environment node
import { metricsHref, parseTagParams, traceHref, traceSearchHref } from './links'
import { timeRangeQuery, worldCarry } from './time-range'

describe('links between views', () => {
  it('builds a trace search link with repeated tags and the carried time range', () => {
    const href = traceSearchHref({ service: 'api-gateway', tags: [{ key: 'DC', value: 'dc-east' }, { key: 'IsError', value: '1' }], status: 'error' }, 'range=15m')
    const url = new URL(href, 'http://x')
    expect(url.pathname).toBe('/traces')
    expect(url.searchParams.getAll('tag')).toEqual(['DC=dc-east', 'IsError=1'])
    expect(url.searchParams.get('status')).toBe('error')
    expect(url.searchParams.get('range')).toBe('15m')
  })

  it('opens a trace at a span and a metric series at a time', () => {
    expect(traceHref('abc', { span: 's1' })).toBe('/traces/abc?span=s1')
    const m = new URL(metricsHref({ service: 'svc', at: 1000.4 }, { from: 0, to: 5000 }), 'http://x')
    expect(m.searchParams.get('at')).toBe('1000')
    expect(m.searchParams.get('from')).toBe('0')
  })

  it('parses key=value parameters and skips malformed ones', () => {
    expect(parseTagParams(['a=b', 'bad', '=x', 'k= v=w '])).toEqual([{ key: 'a', value: 'b' }, { key: 'k', value: 'v=w' }])
  })
})

describe('the range and the anchor travel with trace links', () => {
  it('carries range and now into a trace address, after its own parameters', () => {
    const carry = timeRangeQuery(new URLSearchParams('service=a&range=1h'), Date.UTC(2026, 10, 23, 10))
    expect(carry).toBe('range=1h&now=2026-11-23T10%3A00%3A00.000Z')
    expect(traceHref('abc', { span: 's1' }, carry)).toBe('/traces/abc?span=s1&range=1h&now=2026-11-23T10%3A00%3A00.000Z')
  })
  it('keeps a now already in the address and adds none when the clock is live', () => {
    expect(timeRangeQuery(new URLSearchParams('range=15m&now=123'), 456)).toBe('range=15m&now=123')
    expect(timeRangeQuery(new URLSearchParams('range=15m'), null)).toBe('range=15m')
  })
  it('with the synthetic world names its anchor when the clock is live, and its size when grown', () => {
    const live = worldCarry({ anchor: Date.UTC(2026, 10, 23, 9, 41), services: 41, baseServices: 41 })
    expect(timeRangeQuery(new URLSearchParams('service=a&range=15m'), null, live)).toBe('range=15m&anchor=2026-11-23T09%3A41%3A00.000Z')
    const grown = worldCarry({ anchor: null, services: 1000, baseServices: 41 })
    expect(timeRangeQuery(new URLSearchParams('range=15m'), Date.UTC(2026, 10, 23, 10), grown)).toBe('range=15m&now=2026-11-23T10%3A00%3A00.000Z&scale=1000')
    // an anchor or size the address already names wins (a link from another tab)
    expect(timeRangeQuery(new URLSearchParams('anchor=2026-11-23T08%3A00%3A00.000Z&scale=300'), null, live)).toBe('anchor=2026-11-23T08%3A00%3A00.000Z&scale=300')
    expect(worldCarry(null)).toBeNull()
  })
})
