import { describe, expect, it } from 'vitest'
import type { Span } from '../model'
import { extractErrorChains, isFailed, statusCodeOf } from './extract'
import { TraceBuilder, checkoutFailure } from './trace-builder'

const path = (t: ReturnType<typeof extractErrorChains>, i = 0) =>
  t.chains[i]?.hops.map((h) => `${h.service}:${h.operation}:${h.role}`)

describe('extractErrorChains', () => {
  it('follows a propagated error from its origin to the entry, one hop per service call', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/products', { error: true, code: 500 })
    const cat = b.call(gw, 'catalog', 'List', { error: true, code: 500 }).server as Span
    const price = b.call(cat, 'pricing', 'Quote', { error: true, code: 500 })
    const r = extractErrorChains(b.build())
    expect(r.chains).toHaveLength(1)
    const chain = r.chains[0]!
    expect(path(r)).toEqual(['pricing:Quote:origin', 'catalog:List:propagated', 'api-gateway:GET /api/products:propagated'])
    expect(chain.signature).toBe('pricing:Quote → catalog:List → api-gateway:GET /api/products')
    expect(chain.id).toBe(price.server?.spanId)
    expect(chain.reachedEntry).toBe(true)
    expect(chain.stop).toBe('entry')
    expect(chain.missingSegments).toBe(0)
    // every span of the path is marked, client spans included
    expect(chain.spanIds).toHaveLength(5)
    expect(r.roles.get(price.server?.spanId ?? '')).toBe('origin')
    expect(r.roles.get(price.client.spanId)).toBe('propagated')
    expect(r.roles.get(gw.spanId)).toBe('propagated')
  })

  it('marks a hop that answers with another status code as converted', () => {
    const r = extractErrorChains(checkoutFailure())
    expect(path(r)).toEqual([
      'stock-service:ReserveStock:origin',
      'order-service:CreateOrder:propagated',
      'checkout-bff:PlaceOrder:converted',
      'api-gateway:POST /api/checkout:converted',
    ])
    expect(r.chains[0]?.hops.map((h) => h.statusCode)).toEqual(['500', '500', '502', '500'])
  })

  it('stops at a caller that retried the call successfully: no chain to the entry', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/products', { code: 200 })
    const cat = b.call(gw, 'catalog', 'List', { code: 200 }).server as Span
    const first = b.call(cat, 'pricing', 'Quote', { error: true, code: 503, at: 100 })
    b.call(cat, 'pricing', 'Quote', { code: 200, at: 300 })
    const r = extractErrorChains(b.build())
    expect(r.chains).toHaveLength(1)
    const chain = r.chains[0]!
    expect(chain.reachedEntry).toBe(false)
    expect(chain.stop).toBe('recovered')
    expect(chain.end.service).toBe('catalog')
    expect(chain.end.role).toBe('recovered')
    expect(chain.signature).toBe('pricing:Quote → catalog:List [recovered]')
    expect(r.roles.get(first.client.spanId)).toBe('propagated')
    expect(r.roles.get(cat.spanId)).toBe('recovered')
    expect(r.roles.has(gw.spanId)).toBe(false)
  })

  it('stops at a caller that swallowed the error', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/products', { code: 200 })
    const cat = b.call(gw, 'catalog', 'List', { code: 200 }).server as Span
    b.call(cat, 'reviews', 'Fetch', { error: true, code: 500 })
    const r = extractErrorChains(b.build())
    const chain = r.chains[0]!
    expect(chain.stop).toBe('swallowed')
    expect(chain.reachedEntry).toBe(false)
    expect(path(r)).toEqual(['reviews:Fetch:origin', 'catalog:List:swallowed'])
    expect(r.roles.get(cat.spanId)).toBe('swallowed')
  })

  it('separates two independent chains in one trace and keeps the shared upper path in both', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
    const bff = b.call(gw, 'checkout-bff', 'PlaceOrder', { error: true, code: 500 }).server as Span
    const stock = b.call(bff, 'stock-service', 'ReserveStock', { error: true, code: 500, at: 100 })
    const pay = b.call(bff, 'payment', 'Authorize', { error: true, code: 500, at: 200 })
    const r = extractErrorChains(b.build())
    expect(r.chains.map((c) => c.id)).toEqual([stock.server?.spanId, pay.server?.spanId])
    expect(r.chains.map((c) => c.signature)).toEqual([
      'stock-service:ReserveStock → checkout-bff:PlaceOrder → api-gateway:POST /api/checkout',
      'payment:Authorize → checkout-bff:PlaceOrder → api-gateway:POST /api/checkout',
    ])
    expect(r.chains.every((c) => c.reachedEntry)).toBe(true)
  })

  it('infers the callee of a PostTrace capture that lost it, and reports the gap', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
    const order = b.call(gw, 'order-service', 'CreateOrder', { error: true, code: 500 }).server as Span
    const lost = b.call(order, 'stock-service', 'ReserveStock', { error: true, code: 500, calleeMissing: true })
    b.posttrace(lost.client.spanId)
    const r = extractErrorChains(b.build())
    const chain = r.chains[0]!
    expect(chain.postTrace).toBe(true)
    expect(chain.origin).toMatchObject({ service: 'stock-service', operation: 'ReserveStock', inferred: true, role: 'origin' })
    expect(chain.signature).toBe('stock-service:ReserveStock → order-service:CreateOrder → api-gateway:POST /api/checkout')
    expect(chain.missingSegments).toBe(1)
    expect(chain.gaps[0]).toMatchObject({ kind: 'callee-not-captured', spanId: lost.client.spanId })
    expect(chain.hops[1]?.role).toBe('propagated')
    expect(r.roles.get(lost.client.spanId)).toBe('origin')
  })

  it('names a failing datastore call after the datastore without counting a gap', () => {
    const b = new TraceBuilder()
    const order = b.span(null, 'order-service', 'CreateOrder', { error: true, code: 500 })
    b.call(order, 'mysql-orders', 'INSERT orders', { error: true, code: 1213, calleeMissing: true, type: 'mysql' })
    const chain = extractErrorChains(b.build()).chains[0]!
    expect(chain.signature).toBe('mysql-orders:INSERT orders → order-service:CreateOrder')
    expect(chain.missingSegments).toBe(0)
    expect(chain.hops[1]?.role).toBe('converted')
  })

  it('stops at an orphan span whose parent is missing and counts the missing segment', () => {
    const b = new TraceBuilder()
    b.span(null, 'api-gateway', 'POST /api/checkout', { code: 200 })
    const orphan = b.span(null, 'order-service', 'CreateOrder', { kind: 'server', error: true, code: 500, parentSpanId: 'gone' })
    const leaf = b.call(orphan, 'stock-service', 'ReserveStock', { error: true, code: 500 })
    const r = extractErrorChains(b.build())
    expect(r.chains).toHaveLength(1)
    const chain = r.chains[0]!
    expect(chain.id).toBe(leaf.server?.spanId)
    expect(chain.stop).toBe('parent-missing')
    expect(chain.reachedEntry).toBe(false)
    expect(chain.gaps).toEqual([expect.objectContaining({ kind: 'parent-missing', spanId: orphan.spanId })])
    expect(chain.end.service).toBe('order-service')
  })

  it('keeps the first of duplicated spans and survives parent cycles', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /x', { error: true, code: 500 })
    const dup = b.span(gw, 'api-gateway', 'handler', { error: true, code: 500 })
    b.spans.push({ ...dup })
    b.span(null, 'loop', 'a', { spanId: 'a', parentSpanId: 'b', error: true })
    b.span(null, 'loop', 'b', { spanId: 'b', parentSpanId: 'a', error: true })
    const r = extractErrorChains(b.build())
    expect(r.chains.filter((c) => c.origin.service === 'api-gateway')).toHaveLength(1)
    expect(r.chains.find((c) => c.origin.service === 'api-gateway')?.hops).toHaveLength(1)
  })

  it('finds no chain in a trace without failures', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /x', { code: 200 })
    b.call(gw, 'catalog', 'List', { code: 200 })
    expect(extractErrorChains(b.build())).toEqual({ chains: [], roles: new Map() })
  })
})

describe('failure and status helpers', () => {
  it('reads failure from status or IsError and status codes from tags', () => {
    const b = new TraceBuilder()
    const s = b.span(null, 'a', 'x', { code: 200, tags: { BusinessStatusCode: 'OUT_OF_STOCK' } })
    expect(isFailed(s)).toBe(false)
    expect(statusCodeOf(s)).toBe('200/OUT_OF_STOCK')
    expect(isFailed({ ...s, tags: { IsError: '1' } })).toBe(true)
    expect(isFailed({ ...s, status: 'error', tags: {} })).toBe(true)
    expect(statusCodeOf({ ...s, tags: {} })).toBeNull()
  })
})
