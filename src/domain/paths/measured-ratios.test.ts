import { TraceBuilder } from '../error-chain/trace-builder'
import { EMPTY_DESIGN } from '../error-chain/estimate'
import type { Span } from '../model'
import { edge, node, topo } from '../topology/fixtures.test-util'
import { whatIf } from '../topology/what-if'
import { aggregatePaths } from './aggregate'
import { digestPathTrace } from './digest'
import { measuredExtra, measuredRatios } from './measured-ratios'

const ENTRY = { service: 'A', operation: 'x' }

/** A::x → B::p (once) → E::z (`calls` times, one after the other). */
function trace(id: string, calls: number) {
  const b = new TraceBuilder(id)
  b.sampling = { mode: 'probability', rate: 0.1, samplerRate: 0.1, triggerSpanId: null, triggerTime: null }
  const at = (s: Span, t: number, d: number) => {
    s.startTime = 1_795_000_000_000_000 + t
    s.duration = d
    return s
  }
  const root = at(b.span(null, 'A', 'x', { kind: 'server' }), 0, 1000)
  const bp = b.call(root, 'B', 'p')
  at(bp.client, 10, 900)
  at(bp.server as Span, 10, 900)
  for (let k = 0; k < calls; k++) {
    const ez = b.call(bp.server as Span, 'E', 'z')
    at(ez.client, 20 + k * 100, 90)
    at(ez.server as Span, 20 + k * 100, 90)
  }
  return { traceId: b.traceId, spans: b.spans, sampling: b.sampling, warnings: [] }
}

const agg = aggregatePaths([trace('t1', 1), trace('t2', 3)].map((t) => digestPathTrace(t, ENTRY)), EMPTY_DESIGN, { from: 0, to: 100_000 }, ENTRY)

describe('call ratios measured from traces', () => {
  it('per service: the calls arriving there per entry request; per service pair: the calls along it', () => {
    const r = measuredRatios(agg)
    expect(r.services.get('A')?.value).toBeCloseTo(1)
    expect(r.services.get('B')?.value).toBeCloseTo(1)
    expect(r.services.get('E')?.value).toBeCloseTo(2)
    expect(r.services.get('E')?.se).toBeGreaterThan(0)
    expect(Object.fromEntries(r.edges)).toEqual({ 'A->B': 1, 'B->E': 2 })
    expect(r.traces).toBe(2)
  })

  it('the extra load of "entry × factor" is (factor − 1) × each operation\'s rate × its ratios, its uncertainty scaled alike', () => {
    const r = measuredRatios(agg)
    const x = measuredExtra([{ rps: 10, ratios: r }], 3)
    expect(x.services.get('E')?.value).toBeCloseTo(40)
    expect(x.services.get('E')?.se).toBeCloseTo(20 * (r.services.get('E')?.se ?? NaN))
    expect(x.edges.get('B->E')).toBeCloseTo(40)
    // two operations of one entry service: their extras add up
    const both = measuredExtra([{ rps: 10, ratios: r }, { rps: 5, ratios: r }], 2)
    expect(both.services.get('E')?.value).toBeCloseTo(30)
  })

  it('the topology\'s what-if uses the measured ratios, not the graph\'s (which mix every entry that calls a service)', () => {
    // the graph says B calls E once per call (its other caller F drags the ratio down); A's traces say twice
    const services = topo(
      [node('A', { rps: 10 }), node('F', { rps: 30 }), node('B', { rps: 40, peakRps: 60 }), node('E', { rps: 50, peakRps: 70 })],
      [edge('A', 'B', 10), edge('F', 'B', 30), edge('B', 'E', 50)],
    )
    const ops = topo(
      [node('A::x', { service: 'A', method: 'x', rps: 10 }), node('F::y', { service: 'F', method: 'y', rps: 30 }), node('B::p', { service: 'B', method: 'p', rps: 40 }), node('E::z', { service: 'E', method: 'z', rps: 50 })],
      [edge('A::x', 'B::p', 10), edge('F::y', 'B::p', 30), edge('B::p', 'E::z', 50)],
    )
    const graphOnly = whatIf({ shown: services, ops, groupBy: 'service', entryId: 'A', factor: 2 })
    expect(graphOnly.nodes.get('E')?.expectedRps).toBeCloseTo(62.5)
    const measured = whatIf({ shown: services, ops, groupBy: 'service', entryId: 'A', factor: 2, measured: measuredExtra([{ rps: 10, ratios: measuredRatios(agg) }], 2) })
    expect(measured.level).toBe('measured')
    expect(measured.nodes.get('B')?.expectedRps).toBeCloseTo(50)
    expect(measured.nodes.get('E')?.expectedRps).toBeCloseTo(70)
    expect(measured.edges.get('B->E')).toBeCloseTo(70)
    expect(measured.nodes.has('F')).toBe(false)
  })
})
