import { describe, expect, it } from 'vitest'
import type { Span } from '../model'
import { extractErrorChains, GRPC_ATTEMPTS_TAG, isFailed, statusCodeOf } from './extract'
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

  it('stops at a caller that retried the call successfully (the retry marked by http.request.resend_count): no chain to the entry', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/products', { code: 200 })
    const cat = b.call(gw, 'catalog', 'List', { code: 200 }).server as Span
    const first = b.call(cat, 'pricing', 'Quote', { error: true, code: 503, at: 100 })
    b.call(cat, 'pricing', 'Quote', { code: 200, at: 300, clientTags: { 'http.request.resend_count': 1 } })
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

  it('does not read a fan-out as a retry: repeated calls without attempt evidence leave the failure unrecovered', () => {
    // GetPrice × 3 for three items, the first fails, the caller fails with it
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/cart', { error: true, code: 500 })
    const bff = b.call(gw, 'web-bff', 'GetCart', { error: true, code: 500 }).server as Span
    b.call(bff, 'pricing', 'GetPrice', { error: true, code: 503, at: 100 })
    b.call(bff, 'pricing', 'GetPrice', { code: 200, at: 300 })
    b.call(bff, 'pricing', 'GetPrice', { code: 200, at: 500 })
    const r = extractErrorChains(b.build())
    expect(r.chains).toHaveLength(1)
    expect(r.chains[0]?.stop).toBe('entry')
    expect(r.chains[0]?.origin.service).toBe('pricing')
    expect(path(r)).toEqual(['pricing:GetPrice:origin', 'web-bff:GetCart:converted', 'api-gateway:GET /api/cart:propagated'])
    expect([...r.roles.values()]).not.toContain('recovered')
  })

  it('reads gRPC’s retry header as retry evidence too', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'GET /api/products', { code: 200 })
    const cat = b.call(gw, 'catalog', 'List', { code: 200 }).server as Span
    b.call(cat, 'pricing', 'Quote', { error: true, code: 14, at: 100, type: 'grpc' })
    b.call(cat, 'pricing', 'Quote', { code: 0, at: 300, type: 'grpc', clientTags: { [GRPC_ATTEMPTS_TAG]: '1' } })
    expect(extractErrorChains(b.build()).chains[0]?.stop).toBe('recovered')
  })

  it('starts an async consumer’s failure chain at the consumer: the producing request is not an entry it reached', () => {
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { code: 200 })
    const order = b.call(gw, 'order-service', 'CreateOrder', { code: 200 }).server as Span
    const publish = b.span(order, 'order-service', 'publish order.created', { kind: 'producer', code: 200, tags: { ToService: 'mq-order-events', ToServiceType: 'kafka' } })
    const consume = b.span(publish, 'shipping', 'order.created', { kind: 'consumer', error: true, code: 500, parentRelation: 'follows_from', at: 5_000 })
    const r = extractErrorChains(b.build())
    expect(r.chains).toHaveLength(1)
    const chain = r.chains[0]!
    expect(chain.signature).toBe('shipping:order.created')
    expect(chain).toMatchObject({ stop: 'entry', reachedEntry: true, asyncEntry: true })
    expect(r.roles.get(consume.spanId)).toBe('origin')
    expect(r.roles.has(publish.spanId)).toBe(false)
    expect(r.roles.has(gw.spanId)).toBe(false)
    // a consumer under a producer is async even when the source does not say follows_from
    const b2 = new TraceBuilder()
    const p2 = b2.span(b2.span(null, 'order-service', 'CreateOrder', { code: 200 }), 'order-service', 'publish', { kind: 'producer' })
    const deep = b2.span(p2, 'invoice', 'order.created', { kind: 'consumer', error: true, code: 500 })
    b2.call(deep, 'mysql-billing', 'INSERT invoices', { error: true, code: 500, calleeMissing: true, type: 'mysql' })
    const r2 = extractErrorChains(b2.build())
    expect(r2.chains.map((c) => c.signature)).toEqual(['mysql-billing:INSERT invoices → invoice:order.created'])
    expect(r2.chains[0]?.asyncEntry).toBe(true)
  })

  it('counts a span’s own exception as an origin even when a child also failed', () => {
    const exception = (type: string, message: string) => ({ time: 0, name: 'exception', attributes: { 'exception.type': type, 'exception.message': message } })
    const b = new TraceBuilder()
    const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
    const order = b.call(gw, 'order-service', 'CreateOrder', { error: true, code: 500, events: [exception('NullPointerException', 'cart is null')] }).server as Span
    b.call(order, 'stock-service', 'ReserveStock', { error: true, code: 500, events: [exception('runtime.Error', 'index out of range')] })
    const r = extractErrorChains(b.build())
    expect(r.chains.map((c) => c.origin.service).sort()).toEqual(['order-service', 'stock-service'])
    expect(r.roles.get(order.spanId)).toBe('origin')
    // an exception passed on from the failed callee is not the caller's own
    const b2 = new TraceBuilder()
    const gw2 = b2.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
    const o2 = b2.call(gw2, 'order-service', 'CreateOrder', { error: true, code: 500 })
    const passed = exception('runtime.Error', 'index out of range')
    ;(o2.server as Span).events.push(passed)
    o2.client.events.push(passed)
    b2.call(o2.server as Span, 'stock-service', 'ReserveStock', { error: true, code: 500, events: [passed] })
    expect(extractErrorChains(b2.build()).chains.map((c) => c.origin.service)).toEqual(['stock-service'])
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

  it('writes the names in a gap out with their hidden controls shown, each isolated from the sentence around it', () => {
    const b = new TraceBuilder()
    const orphan = b.span(null, 'order\u202eservice', '\u202eevil', { kind: 'server', error: true, code: 500, parentSpanId: 'gone' })
    b.call(orphan, 'stock-service', 'ReserveStock', { error: true, code: 500 })
    const gap = extractErrorChains(b.build()).chains[0]?.gaps[0]
    // "evil" cannot read as "live", and neither name can reorder the words of the sentence
    expect(gap?.detail).toBe('caller of \u2068order⟨U+202E⟩service\u2069:\u2068⟨U+202E⟩evil\u2069 is missing from the trace')
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
