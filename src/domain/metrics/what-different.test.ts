import { describe, expect, it } from 'vitest'
import { baselineWindow, definingKeys, traceTags, whatIsDifferent } from './what-different'
import type { Span, Trace } from '../model'

function span(id: string, service: string, parent: string | null, resource: Record<string, string>, status: Span['status'] = 'ok'): Span {
  return {
    traceId: 't', spanId: id, parentSpanId: parent, name: service === 'api-gateway' ? 'POST /api/checkout' : 'ReserveStock', kind: 'server', service,
    startTime: 0, duration: 10, status, resource, tags: { ToService: 'checkout-bff' }, events: [], metrics: {},
  }
}

function trace(id: string, gatewayDc: string, failing: boolean): Trace {
  const spans = [
    span('root', 'api-gateway', null, { DC: gatewayDc, PodName: `gw-${id}` }, failing ? 'error' : 'ok'),
    span('stock', 'stock-service', 'root', { DC: 'dc-east', Version: failing ? 'v2.14.0' : 'v2.13.2' }, failing ? 'error' : 'ok'),
  ]
  return { traceId: id, spans: spans.map((s) => ({ ...s, traceId: id })), sampling: { mode: 'posttrace', rate: 1, triggerSpanId: null, triggerTime: null }, warnings: [] }
}

const compared = (traces: Trace[], spanId: string | null = null) => traces.map((trace) => ({ trace, spanId }))

describe('what is different', () => {
  it('takes the series span tags and names where the error started', () => {
    const tags = traceTags(trace('1', 'dc-west', true), 'api-gateway')
    expect(tags).toMatchObject({ DC: 'dc-west', ToService: 'checkout-bff', 'error.service': 'stock-service', 'error.version': 'stock-service v2.14.0' })
    expect(traceTags(trace('2', 'dc-west', false), 'api-gateway')['error.service']).toBeUndefined()
  })

  it('keeps tags and resource fields named like members of Object.prototype', () => {
    const t = trace('1', 'dc-west', false)
    const root = t.spans[0]
    const resource = JSON.parse('{"DC":"dc-west","__proto__":"res"}') as Record<string, string>
    const tags = JSON.parse('{"__proto__":"tagged","constructor":"evil"}') as Record<string, string>
    const odd: Trace = { ...t, spans: [{ ...root, resource, tags }, ...t.spans.slice(1)] }
    const got = traceTags(odd, 'api-gateway')
    expect(Object.getOwnPropertyDescriptor(got, '__proto__')?.value).toBe('tagged')
    expect(Object.getOwnPropertyDescriptor(got, 'constructor')?.value).toBe('evil')
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype)
  })

  it('ranks the error origin and its new version first; only metric labels can become filters', () => {
    const selection = [trace('a', 'dc-east', true), trace('b', 'dc-west', true), trace('c', 'dc-north', true), trace('d', 'dc-east', true)]
    const baseline = [trace('e', 'dc-east', false), trace('f', 'dc-west', false), trace('g', 'dc-north', false), trace('h', 'dc-east', false)]
    const diffs = whatIsDifferent(compared(selection), compared(baseline), { service: 'api-gateway', labelKeys: ['DC', 'ToService'] })
    const keys = diffs.map((d) => `${d.key}=${d.value}`)
    expect(keys).toContain('error.service=stock-service')
    expect(keys).toContain('error.version=stock-service v2.14.0')
    expect(keys.some((k) => k.startsWith('DC='))).toBe(false) // same DC mix on both sides
    const first = diffs[0]
    expect(first?.selectionShare).toBe(1)
    expect(first?.baselineShare).toBe(0)
    expect(first?.filterable).toBe(false)
  })

  it('flags a DC over-represented in the selection as a filter', () => {
    const selection = [trace('a', 'dc-west', true), trace('b', 'dc-west', true), trace('c', 'dc-west', false)]
    const baseline = [trace('e', 'dc-east', false), trace('f', 'dc-west', false), trace('g', 'dc-north', false)]
    const dc = whatIsDifferent(compared(selection), compared(baseline), { service: 'api-gateway', labelKeys: ['DC'] }).find((d) => d.key === 'DC')
    expect(dc).toMatchObject({ value: 'dc-west', filterable: true })
    expect(dc?.baselineShare).toBeCloseTo(1 / 3)
  })

  it('compares the span each search matched (a storage call made by another service), not the service’s first span', () => {
    const t = trace('1', 'dc-west', false)
    const call: Span = { ...span('db', 'order-service', 'root', { DC: 'dc-north', PodName: 'order-1' }), name: 'INSERT orders', kind: 'client', tags: { ToService: 'mysql-orders', StatusCode: 0 } }
    const withCall = { ...t, spans: [...t.spans, { ...call, traceId: '1' }] }
    expect(traceTags(withCall, 'mysql-orders', 'INSERT orders', 'db')).toMatchObject({ DC: 'dc-north', PodName: 'order-1', ToService: 'mysql-orders' })
  })

  it('a failures-only selection leaves out the fields that define it, so they cannot top the table', () => {
    const failing = (id: string): Trace => {
      const t = trace(id, 'dc-east', true)
      return { ...t, spans: t.spans.map((s) => (s.service === 'api-gateway' ? { ...s, tags: { ...s.tags, IsError: 1, StatusCode: 500 } } : s)) }
    }
    const fine = (id: string): Trace => {
      const t = trace(id, 'dc-east', false)
      return { ...t, spans: t.spans.map((s) => (s.service === 'api-gateway' ? { ...s, tags: { ...s.tags, IsError: 0, StatusCode: 200 } } : s)) }
    }
    const sel = compared(['a', 'b', 'c', 'd'].map(failing), 'root')
    const base = compared(['e', 'f', 'g', 'h'].map(fine), 'root')
    const leaveOut = definingKeys({ span: { status: 'error', tags: [{ key: 'DC', value: 'dc-east' }] } })
    expect(leaveOut).toEqual(['DC', 'StatusCode', 'IsError'])
    const with_ = whatIsDifferent(sel, base, { service: 'api-gateway', labelKeys: [] }).map((d) => d.key)
    expect(with_).toContain('IsError') // what the old comparison showed on top
    const without = whatIsDifferent(sel, base, { service: 'api-gateway', labelKeys: [], leaveOut }).map((d) => d.key)
    expect(without).not.toContain('IsError')
    expect(without).not.toContain('StatusCode')
    expect(without).toContain('error.service')
  })

  it('compares with the window just before, or the same window yesterday', () => {
    expect(baselineWindow({ from: 600_000, to: 900_000 }, 'before')).toEqual({ from: 300_000, to: 600_000 })
    expect(baselineWindow({ from: 86_400_000 + 5, to: 86_400_000 + 10 }, 'yesterday')).toEqual({ from: 5, to: 10 })
  })
})
