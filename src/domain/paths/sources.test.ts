import { TraceBuilder } from '../error-chain/trace-builder'
import { EMPTY_DESIGN } from '../error-chain/estimate'
import type { Span } from '../model'
import { KEY_SEP } from './digest'
import { aggregateSources, digestSources, sourcesFlow } from './sources'
import type { SourcesAggregate, SourceTarget } from './sources'

const W = { from: 0, to: 100_000 }
const T0 = 1_795_000_000_000_000

const timed = (s: Span, at: number, dur: number): Span => {
  s.startTime = T0 + at
  s.duration = dur
  return s
}

/** `entry` (gw) → `via` service's Do, which queries mysql-orders `queries` times. */
function request(id: string, o: { entry: string; via: string; queries: number; rate?: number; mode?: 'probability' | 'posttrace' | 'dyed'; failQueries?: number }) {
  const b = new TraceBuilder(id)
  const rate = o.rate ?? 0.01
  b.sampling = { mode: o.mode ?? 'probability', rate, samplerRate: rate, triggerSpanId: null, triggerTime: null }
  const root = timed(b.span(null, 'gw', o.entry, { kind: 'server' }), 0, 10_000)
  const { client, server } = b.call(root, o.via, 'Do')
  timed(client, 10, 9_000)
  timed(server as Span, 10, 9_000)
  for (let k = 0; k < o.queries; k++) {
    timed(b.span(server, o.via, 'SELECT orders', { kind: 'client', error: k < (o.failQueries ?? 0), tags: { ToService: 'mysql-orders', ToMethod: 'SELECT orders' } }), 100 + k * 100, 90)
  }
  // the via service's own nested work on mysql-orders' behalf is not another arrival
  return b
}

const run = (builders: TraceBuilder[], target: SourceTarget): SourcesAggregate =>
  aggregateSources(builders.map((b) => digestSources({ traceId: b.traceId, spans: b.spans, sampling: b.sampling, warnings: [] }, target)), EMPTY_DESIGN, W, target)

describe('traffic sources of a service', () => {
  it('attributes the calls arriving at a storage service to the entries and paths they come from, weighted by inclusion probability', () => {
    const s = run(
      [
        request('t1', { entry: 'POST /checkout', via: 'orders', queries: 3, rate: 0.01 }),
        request('t2', { entry: 'GET /orders', via: 'orders', queries: 1, rate: 0.1 }),
        request('t3', { entry: 'GET /orders', via: 'history', queries: 2, rate: 0.1 }),
      ],
      { service: 'mysql-orders' },
    )
    // checkout: 3 calls × 100; orders listing via orders 1 × 10, via history 2 × 10
    expect(s.all.calls.value).toBeCloseTo(330)
    expect(s.all.rps?.value).toBeCloseTo(3.3)
    expect(s.entries.map((e) => [e.key, Math.round(e.calls.value)])).toEqual([
      ['gw::POST /checkout', 300],
      ['gw::GET /orders', 30],
    ])
    expect(s.entries[0]?.share.value).toBeCloseTo(300 / 330)
    expect(s.paths.map((p) => p.levels)).toEqual([
      ['gw::POST /checkout', 'orders::Do', 'mysql-orders::SELECT orders'],
      ['gw::GET /orders', 'history::Do', 'mysql-orders::SELECT orders'],
      ['gw::GET /orders', 'orders::Do', 'mysql-orders::SELECT orders'],
    ])
    expect(s.paths[0]?.key).toBe(['gw::POST /checkout', 'orders::Do', 'mysql-orders::SELECT orders'].join(KEY_SEP))
    expect(s.callers.map((c) => [c.key, Math.round(c.calls.value)])).toEqual([
      ['orders', 310],
      ['history', 20],
    ])
    expect(s.operations.map((o) => o.key)).toEqual(['SELECT orders'])
    // every figure carries its uncertainty and what it rests on
    expect(s.entries[0]?.calls.se).toBeGreaterThan(0)
    expect(s.entries[1]?.traces).toBe(2)
    expect(s.all.spans).toBe(6)
  })

  it('counts a call once: a service calling its own operations is not more traffic to it, and the entry itself arrives with no caller', () => {
    const b = request('t1', { entry: 'POST /checkout', via: 'orders', queries: 0, rate: 1 })
    const server = b.spans.find((x) => x.service === 'orders' && x.kind === 'server') as Span
    timed(b.span(server, 'orders', 'validate', { kind: 'internal' }), 20, 50)
    const viaOrders = run([b], { service: 'orders' })
    expect(viaOrders.all.calls.value).toBe(1)
    expect(viaOrders.callers.map((c) => c.key)).toEqual(['gw'])
    const atEntry = run([request('t2', { entry: 'POST /checkout', via: 'orders', queries: 0, rate: 1 })], { service: 'gw' })
    expect(atEntry.callers.map((c) => c.key)).toEqual([''])
    expect(atEntry.paths[0]?.caller).toBeNull()
  })

  it('restricts to one operation of the service when asked', () => {
    const b = request('t1', { entry: 'POST /checkout', via: 'orders', queries: 2, rate: 1 })
    const server = b.spans.find((x) => x.service === 'orders' && x.kind === 'server') as Span
    timed(b.span(server, 'orders', 'INSERT orders', { kind: 'client', tags: { ToService: 'mysql-orders', ToMethod: 'INSERT orders' } }), 500, 50)
    expect(run([b], { service: 'mysql-orders' }).all.calls.value).toBe(3)
    expect(run([b], { service: 'mysql-orders', operation: 'INSERT orders' }).all.calls.value).toBe(1)
  })

  it('leaves PostTrace captures out and counts them, and says when no rate is known', () => {
    const s = run(
      [request('t1', { entry: 'POST /checkout', via: 'orders', queries: 1, mode: 'posttrace' }), request('t2', { entry: 'POST /checkout', via: 'orders', queries: 1, rate: 0.5 })],
      { service: 'mysql-orders' },
    )
    expect(s.excluded.posttrace).toBe(1)
    expect(s.used).toBe(1)
    expect(s.all.calls.value).toBeCloseTo(2)
    const b = request('t3', { entry: 'POST /checkout', via: 'orders', queries: 1 })
    b.sampling = { ...b.sampling, rateKnown: false }
    const u = run([b], { service: 'mysql-orders' })
    expect(u.ratesKnown).toBe(false)
    expect(u.all.rps).toBeNull()
  })

  it('counts failed calls in the error rate of their source', () => {
    const s = run([request('t1', { entry: 'POST /checkout', via: 'orders', queries: 4, failQueries: 1, rate: 1 })], { service: 'mysql-orders' })
    expect(s.entries[0]?.errorRate).toBeCloseTo(0.25)
  })
})

describe('the sources as a flow', () => {
  it('draws every path from its entry through the services it passes to the target, widths adding up', () => {
    const s = run(
      [request('t1', { entry: 'POST /checkout', via: 'orders', queries: 3, rate: 0.01 }), request('t3', { entry: 'GET /orders', via: 'history', queries: 2, rate: 0.1 })],
      { service: 'mysql-orders' },
    )
    const f = sourcesFlow(s)
    expect(f.unit).toBe('rps')
    expect(f.nodes.filter((n) => n.kind === 'entry').map((n) => n.label).sort()).toEqual(['gw GET /orders', 'gw POST /checkout'])
    expect(f.nodes.filter((n) => n.kind === 'target').map((n) => n.label)).toEqual(['mysql-orders SELECT orders'])
    const into = f.links.filter((l) => l.target === 'target|SELECT orders').reduce((a, l) => a + l.value, 0)
    expect(into).toBeCloseTo(s.all.rps?.value ?? NaN)
  })
})
