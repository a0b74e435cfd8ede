import { TraceBuilder } from '../error-chain/trace-builder'
import { EMPTY_DESIGN } from '../error-chain/estimate'
import type { Span } from '../model'
import { aggregatePaths } from './aggregate'
import type { PathAggregate } from './aggregate'
import { comparePaths } from './compare'
import { digestPathTrace, KEY_SEP } from './digest'

const ENTRY = { service: 'gw', operation: 'POST /checkout' }
const W = { from: 0, to: 100_000 }
const K = (...parts: string[]) => ['gw::POST /checkout', ...parts].join(KEY_SEP)

const timed = (s: Span, at: number, dur: number): Span => {
  s.startTime = 1_795_000_000_000_000 + at
  s.duration = dur
  return s
}

/** gw → bff.Place; bff calls db 'INSERT' `inserts` times one after the other, then pricing at once `fanout` times. */
function checkout(id: string, o: { inserts?: number; fanout?: number; dbUs?: number; rate?: number; error?: boolean } = {}) {
  const b = new TraceBuilder(id)
  b.sampling = { mode: 'probability', rate: o.rate ?? 0.01, samplerRate: o.rate ?? 0.01, triggerSpanId: null, triggerTime: null }
  const inserts = o.inserts ?? 1
  const fanout = o.fanout ?? 0
  const dbUs = o.dbUs ?? 100
  const end = 100 + inserts * dbUs + (fanout > 0 ? 300 : 0) + 100
  const root = timed(b.span(null, 'gw', 'POST /checkout', { kind: 'server', error: o.error }), 0, end + 100)
  const { client, server } = b.call(root, 'bff', 'Place', { error: o.error })
  timed(client, 50, end)
  timed(server as Span, 50, end)
  let t = 100
  for (let k = 0; k < inserts; k++) {
    timed(b.span(server, 'bff', 'INSERT orders', { kind: 'client', tags: { ToService: 'mysql-orders', ToMethod: 'INSERT orders' } }), t, dbUs)
    t += dbUs
  }
  for (let k = 0; k < fanout; k++) {
    const c = b.call(server as Span, 'pricing', 'GetPrice')
    timed(c.client, t + k, 300 - k)
    timed(c.server as Span, t + k, 300 - k)
  }
  return b
}

const agg = (builders: TraceBuilder[]): PathAggregate =>
  aggregatePaths(builders.map((b) => digestPathTrace({ traceId: b.traceId, spans: b.spans, sampling: b.sampling, warnings: [] }, ENTRY)), EMPTY_DESIGN, W, ENTRY)
const node = (a: PathAggregate, key: string) => a.nodes.find((n) => n.key === key)

describe('path aggregation', () => {
  it('merges repeated calls into one node with their count per entry request', () => {
    const a = agg([checkout('t1', { inserts: 3 }), checkout('t2', { inserts: 1 })])
    const insert = node(a, K('bff::Place', 'mysql-orders::INSERT orders'))
    expect(insert?.callsPerEntry.value).toBeCloseTo(2)
    expect(insert?.spans).toBe(4)
    // a call is one node (client + server merged): the callee is named, the client span is not a node of its own
    expect(a.nodes.map((n) => n.key)).toEqual([K(), K('bff::Place'), K('bff::Place', 'mysql-orders::INSERT orders')])
    expect(node(a, K('bff::Place'))?.callsPerEntry.value).toBe(1)
  })

  it('weights each trace by its inclusion probability', () => {
    // 1 trace kept at 1 % with 4 inserts, 1 kept at 10 % with none: (100·4 + 10·0) / 110 requests
    const a = agg([checkout('t1', { inserts: 4, rate: 0.01 }), checkout('t2', { inserts: 0, rate: 0.1 })])
    expect(node(a, K('bff::Place', 'mysql-orders::INSERT orders'))?.callsPerEntry.value).toBeCloseTo(400 / 110)
    expect(a.requests?.value).toBeCloseTo(110)
    expect(a.rps?.value).toBeCloseTo(110 / 100)
  })

  it('counts a concurrent fan-out as calls, and only the last to finish on the critical path', () => {
    const a = agg([checkout('t1', { inserts: 1, fanout: 3 })])
    const price = node(a, K('bff::Place', 'pricing::GetPrice'))
    expect(price?.callsPerEntry.value).toBe(3)
    // the critical path splits the entry's latency over the nodes: the parts add up to it
    const sum = a.nodes.reduce((s, n) => s + n.criticalPerEntry.value, 0)
    expect(sum).toBeCloseTo(a.meanLatency.value)
    // one GetPrice's 300 µs are on the path (the first issued ends last), not 3 × 300
    expect(price?.criticalPerEntry.value).toBeLessThanOrEqual(300)
    expect(price?.criticalPerEntry.value).toBeGreaterThan(250)
  })

  it('keeps async work (a consumer) in the tree but off the entry’s latency', () => {
    const b = checkout('t1')
    const place = b.spans.find((s) => s.name === 'Place') as Span
    const pub = timed(b.span(place, 'bff', 'publish order.created', { kind: 'producer', tags: { ToService: 'mq-orders', ToMethod: 'order.created' } }), 150, 20)
    timed(b.span(pub, 'shipping', 'consume order.created', { kind: 'consumer', parentRelation: 'follows_from' }), 5_000, 900)
    const a = agg([b])
    const consumer = node(a, K('bff::Place', 'mq-orders::order.created', 'shipping::consume order.created'))
    expect(consumer?.async).toBe(true)
    expect(consumer?.criticalPerEntry.value).toBe(0)
    expect(consumer?.duration.p50).toBe(900)
    expect(a.nodes.reduce((s, n) => s + n.criticalPerEntry.value, 0)).toBeCloseTo(a.meanLatency.value)
  })

  it('leaves out a trace with orphan spans and says so, instead of undercounting its calls', () => {
    const damaged = checkout('t2', { inserts: 2 })
    const place = damaged.spans.find((s) => s.name === 'Place') as Span
    place.parentSpanId = 'lost'
    const a = agg([checkout('t1', { inserts: 2 }), damaged])
    expect(a.excluded.orphans).toBe(1)
    expect(a.used).toBe(1)
    expect(node(a, K('bff::Place', 'mysql-orders::INSERT orders'))?.callsPerEntry.value).toBe(2)
  })

  it('never counts a PostTrace capture: it lacks the calls that finished before its trigger', () => {
    const post = checkout('t2', { inserts: 1, error: true })
    post.posttrace(post.spans[0]?.spanId ?? '')
    const a = agg([checkout('t1', { inserts: 3 }), post])
    expect(a.excluded.posttrace).toBe(1)
    expect(node(a, K('bff::Place', 'mysql-orders::INSERT orders'))?.callsPerEntry.value).toBe(3)
    expect(a.requests?.value).toBeCloseTo(100)
  })

  it('weights a failing head-sampled trace by its head rate, not by its inclusion with PostTrace', () => {
    const failing = checkout('t1', { inserts: 1, error: true })
    failing.sampling = { ...failing.sampling, rate: 0.006, samplerRate: 0.001 }
    const a = agg([failing])
    expect(a.requests?.value).toBeCloseTo(1000)
    expect(node(a, K())?.errorRate.value).toBe(1)
  })

  it('corrects clock skew before splitting time: no negative self time, the parts still add up', () => {
    const b = checkout('t1', { inserts: 1 })
    const server = b.spans.find((s) => s.name === 'Place' && s.kind === 'server') as Span
    server.startTime -= 3_000 // starts 3 ms before its parent client span
    const a = agg([b])
    expect(a.skewedSpans).toBeGreaterThan(0)
    for (const n of a.nodes) expect(n.self.p50).toBeGreaterThanOrEqual(0)
    expect(a.nodes.reduce((s, n) => s + n.criticalPerEntry.value, 0)).toBeCloseTo(a.meanLatency.value)
  })

  it('latency quantiles are over the spans, weighted, not composed', () => {
    const traces = Array.from({ length: 100 }, (_, i) => checkout(`t${i}`, { dbUs: 100 + i }))
    const a = agg(traces)
    const insert = node(a, K('bff::Place', 'mysql-orders::INSERT orders'))
    expect(insert?.duration.p50).toBe(149)
    expect(insert?.duration.p99).toBe(198)
  })

  it('comparison: the node that made the slow requests slow comes first, contributions add up to the latency difference', () => {
    const slow = agg([checkout('s1', { dbUs: 5_000, fanout: 2 }), checkout('s2', { dbUs: 4_000, fanout: 2 })])
    const normal = agg([checkout('n1', { dbUs: 100, fanout: 2 }), checkout('n2', { dbUs: 120, fanout: 2 })])
    const c = comparePaths(slow, normal)
    expect(c.rows[0]?.key).toBe(K('bff::Place', 'mysql-orders::INSERT orders'))
    expect(c.rows.reduce((s, r) => s + r.contribution, 0)).toBeCloseTo(c.latencyDelta)
    expect(c.rows[0]?.shareOfDifference).toBeGreaterThan(0.9)
  })
})

describe('traffic against the metrics', () => {
  it('averages the summed series over the instants with data and says when the estimate is beyond its interval', async () => {
    const { meanRate, checkRate } = await import('./traffic')
    const r = meanRate({ metric: 'request_rate', step: 60_000, partial: null, series: [{ labels: {}, points: [[0, 10], [1, 12], [2, null]] }, { labels: {}, points: [[0, 5], [1, 5], [2, null]] }] })
    expect(r).toBe(16)
    expect(checkRate({ value: 17, se: 1, n: 100 }, 16).beyond).toBe(false)
    expect(checkRate({ value: 20, se: 1, n: 100 }, 16).beyond).toBe(true)
  })
})
