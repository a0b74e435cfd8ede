// @vitest-environment node
import { metricsHref, parseTagParams, traceHref, traceSearchHref } from './links'

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
