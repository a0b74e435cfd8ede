import { describe, expect, it } from 'vitest'
import { traceSearchHref, type TraceSearchLink } from '../../../../lib/links'
import { DEFAULT_LIMIT, readFilters, toTraceQuery, writeFilters } from './url-state'

const paramsOf = (href: string) => new URLSearchParams(href.slice(href.indexOf('?') + 1))

describe('search URL state', () => {
  it('reads every filter another view writes with traceSearchHref', () => {
    const filters: TraceSearchLink = {
      service: 'stock-service',
      operation: 'ReserveStock',
      tags: [{ key: 'DC', value: 'dc-east' }, { key: 'StatusCode', value: '500' }],
      status: 'error',
      minDuration: 250_000,
      maxDuration: 1_500_000,
      sampling: 'posttrace',
      dc: 'dc-west',
      limit: 100,
    }
    const href = traceSearchHref(filters, { from: 1, to: 2 })
    const f = readFilters(paramsOf(href))
    expect(f).toEqual(filters)
    expect(toTraceQuery(f, { from: 1, to: 2 })).toMatchObject({ from: 1, to: 2, service: 'stock-service', limit: 100 })
  })

  it('ignores junk values instead of sending them to the backend', () => {
    const f = readFilters(new URLSearchParams('status=broken&sampling=magic&limit=-3&minDuration=abc&tag=novalue'))
    expect(f).toEqual({ tags: [], limit: DEFAULT_LIMIT, service: undefined, operation: undefined, minDuration: undefined, maxDuration: undefined, status: undefined, sampling: undefined, dc: undefined })
  })

  it('writes filters back keeping the time range, dropping the brush', () => {
    const p = new URLSearchParams('range=1h&service=old&tag=a=b&brush=1,2,3,4&sort=duration:asc')
    const next = writeFilters(p, { service: 'order-service', tags: [{ key: 'k', value: 'v' }], limit: DEFAULT_LIMIT, status: 'error' })
    expect(next.get('range')).toBe('1h')
    expect(next.get('sort')).toBe('duration:asc')
    expect(next.get('brush')).toBeNull()
    expect(next.get('service')).toBe('order-service')
    expect(next.getAll('tag')).toEqual(['k=v'])
    expect(next.get('limit')).toBeNull()
    expect(readFilters(next).status).toBe('error')
  })
})
