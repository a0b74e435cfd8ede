import { describe, expect, it } from 'vitest'
import { describeServiceFilter, parseSearch, spanMatches, toggleService } from './search'
import { span } from './fixtures.test-util'

const s = span('x', null, 0, 1, {
  service: 'stock-service',
  name: 'ReserveStock',
  tags: { StatusCode: 500, Method: 'ReserveStock' },
  resource: { ServiceName: 'stock-service', DC: 'dc-east' },
})

describe('in-trace search', () => {
  it('parses key=value and text terms', () => {
    expect(parseSearch(' StatusCode=500  stock ')).toEqual([
      { kind: 'tag', key: 'StatusCode', value: '500' },
      { kind: 'text', text: 'stock' },
    ])
  })

  it('matches text in service, operation and tag values, case-insensitively', () => {
    expect(spanMatches(s, parseSearch('STOCK'))).toBe(true)
    expect(spanMatches(s, parseSearch('reserve'))).toBe(true)
    expect(spanMatches(s, parseSearch('dc-east'))).toBe(true)
    expect(spanMatches(s, parseSearch('payment'))).toBe(false)
  })

  it('matches key=value exactly against tags and resource fields; all terms must match', () => {
    expect(spanMatches(s, parseSearch('StatusCode=500'))).toBe(true)
    expect(spanMatches(s, parseSearch('StatusCode=50'))).toBe(false)
    expect(spanMatches(s, parseSearch('DC=DC-EAST'))).toBe(true)
    expect(spanMatches(s, parseSearch('DC=dc-east StatusCode=200'))).toBe(false)
    expect(spanMatches(s, parseSearch('Missing=1'))).toBe(false)
  })
})

describe('service filter', () => {
  it('adds and removes services, keeping the list sorted', () => {
    expect(toggleService([], 'pay')).toEqual(['pay'])
    expect(toggleService(['pay'], 'gw')).toEqual(['gw', 'pay'])
    expect(toggleService(['gw', 'pay'], 'pay')).toEqual(['gw'])
  })

  it('names the filter: all, one service, or how many of how many', () => {
    const all = ['gw', 'mail', 'pay']
    expect(describeServiceFilter([], all)).toBe('All services')
    expect(describeServiceFilter(['pay'], all)).toBe('pay')
    expect(describeServiceFilter(['gw', 'pay'], all)).toBe('2 of 3 services')
    expect(describeServiceFilter(all, all)).toBe('All services')
    expect(describeServiceFilter(['gone'], all)).toBe('All services')
  })
})
