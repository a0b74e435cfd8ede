import { describe, expect, it } from 'vitest'
import { extractErrorChains } from '../error-chain/extract'
import { span, trace } from './fixtures.test-util'
import { buildTraceGraph } from './trace-graph'
import type { TraceGraphGroup } from './trace-graph'
import { traceFacts } from './trace-facts'
import { buildTraceTree } from './tree'
import type { Trace } from '../model'

function graph(t: Trace, group: TraceGraphGroup = 'service') {
  const tree = buildTraceTree(t)
  const chains = extractErrorChains(t).chains
  const facts = traceFacts(tree)
  return buildTraceGraph(tree, { ...facts, chainSpans: new Set(chains.flatMap((c) => c.spanIds)), chainOrigins: new Set(chains.map((c) => c.origin.spanId)) }, group)
}

// gw → (client) → order server → (client ×2) → stock server ×2, stock → redis (no callee span); order → pay fails (origin)
const t = trace([
  span('r', null, 0, 1000, { service: 'gw', name: 'GET /order', status: 'error' }),
  span('rc', 'r', 10, 980, { service: 'gw', name: 'Create', kind: 'client', status: 'error' }),
  span('o', 'rc', 20, 960, { service: 'order', name: 'Create', status: 'error' }),
  span('oc1', 'o', 30, 100, { service: 'order', name: 'Check', kind: 'client' }),
  span('s1', 'oc1', 40, 80, { service: 'stock', name: 'Check' }),
  span('k1', 's1', 50, 10, { service: 'stock', name: 'GET', kind: 'client', tags: { ToService: 'redis' } }),
  span('oc2', 'o', 140, 100, { service: 'order', name: 'Check', kind: 'client' }),
  span('s2', 'oc2', 150, 80, { service: 'stock', name: 'Check' }),
  span('pc', 'o', 300, 600, { service: 'order', name: 'Charge', kind: 'client', status: 'error' }),
  span('p', 'pc', 310, 580, { service: 'pay', name: 'Charge', status: 'error', events: [{ time: 800, name: 'panic', attributes: {} }] }),
])

describe('buildTraceGraph by service', () => {
  const g = graph(t)
  const edge = (s: string, d: string) => g.edges.find((e) => e.source === s && e.target === d)
  const node = (id: string) => g.nodes.find((n) => n.id === id)

  it('one node per service, whatever the number of spans', () => {
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['gw', 'order', 'pay', 'redis', 'stock'])
    expect(node('stock')).toMatchObject({ spans: 3, errors: 0 })
    expect(node('gw')?.entry).toBe(true)
  })

  it('edges count calls, with the callee’s total and its own time on them', () => {
    expect(edge('order', 'stock')).toMatchObject({ calls: 2, total: 160, errors: 0 })
    // stock's own spans on those calls: s1 70 + its client span to redis 10 (no redis span measured it) + s2 80
    expect(edge('order', 'stock')?.self).toBe(160)
    expect(edge('gw', 'order')).toMatchObject({ calls: 1, errors: 1, total: 960 })
  })

  it('a callee without spans (a datastore) is known from ToService, marked inferred', () => {
    expect(node('redis')).toMatchObject({ spans: 0, inferred: true })
    expect(edge('stock', 'redis')).toMatchObject({ calls: 1, total: 10, inferred: true })
  })

  it('highlights the error chain from its origin up to the entry', () => {
    expect(node('pay')).toMatchObject({ origin: true, inChain: true })
    expect(node('stock')?.inChain).toBe(false)
    expect(edge('order', 'pay')?.inChain).toBe(true)
    expect(edge('gw', 'order')?.inChain).toBe(true)
    expect(edge('order', 'stock')?.inChain).toBe(false)
  })

  it('node self times add up to the trace’s recorded self time', () => {
    const tree = buildTraceTree(t)
    const { self } = traceFacts(tree)
    const total = self.known.reduce((s, x) => s + x, 0)
    expect(g.nodes.reduce((s, n) => s + n.self, 0)).toBe(total)
  })
})

describe('buildTraceGraph by operation', () => {
  it('one node per service operation, an edge per parent → child operation', () => {
    const g = graph(t, 'operation')
    expect(g.nodes.find((n) => n.id === 'stock\u0001Check')?.spans).toBe(2)
    expect(g.edges.find((e) => e.source === 'order\u0001Check' && e.target === 'stock\u0001Check')?.calls).toBe(2)
    expect(g.nodes.some((n) => n.id === 'redis\u0001(unknown operation)' && n.inferred)).toBe(true)
  })
})

describe('async and damaged traces', () => {
  it('a consumer under a producer is an async edge; orphans get no invented caller', () => {
    const g = graph(
      trace([
        span('r', null, 0, 100, { service: 'order', name: 'Place' }),
        span('pr', 'r', 10, 5, { service: 'order', name: 'publish', kind: 'producer' }),
        span('c', 'pr', 200, 50, { service: 'mail', name: 'Send', kind: 'consumer' }),
        span('x', 'lost', 20, 30, { service: 'pay', name: 'Charge' }),
      ]),
    )
    expect(g.edges.find((e) => e.source === 'order' && e.target === 'mail')?.async).toBe(true)
    expect(g.edges.some((e) => e.target === 'pay')).toBe(false)
    expect(g.nodes.find((n) => n.id === 'pay')).toMatchObject({ spans: 1, entry: false })
  })
})
