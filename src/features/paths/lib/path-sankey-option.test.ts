import { TraceBuilder } from '../../../domain/error-chain/trace-builder'
import { EMPTY_DESIGN } from '../../../domain/error-chain/estimate'
import { aggregatePaths } from '../../../domain/paths/aggregate'
import { digestPathTrace } from '../../../domain/paths/digest'
import type { Span } from '../../../domain/model'
import { MIN_COLUMN, pathFlow, pathSankeyOption, sankeyColumn } from './path-sankey-option'

const ENTRY = { service: 'gw', operation: 'GET /' }

/** gw → bff (once) → db (`reads` times); kept at `rate`. */
function trace(id: string, reads: number, rate: number, rateKnown = true) {
  const b = new TraceBuilder(id)
  b.sampling = { mode: 'probability', rate, samplerRate: rate, triggerSpanId: null, triggerTime: null, ...(rateKnown ? {} : { rateKnown: false }) }
  const at = (s: Span, t: number, d: number) => {
    s.startTime = 1_795_000_000_000_000 + t
    s.duration = d
    return s
  }
  const root = at(b.span(null, 'gw', 'GET /', { kind: 'server' }), 0, 1000)
  const { client, server } = b.call(root, 'bff', 'Render')
  at(client, 10, 900)
  at(server as Span, 10, 900)
  for (let k = 0; k < reads; k++) at(b.span(server, 'bff', 'SELECT', { kind: 'client', tags: { ToService: 'db', ToMethod: 'SELECT' } }), 20 + k * 100, 90)
  return { traceId: b.traceId, spans: b.spans, sampling: b.sampling, warnings: [] }
}

const W = { from: 0, to: 100_000 }

describe('the path tree as a Sankey', () => {
  it('draws every node at its level, each link as wide as the calls it carries (estimated calls/s)', () => {
    // two requests kept at 10 %: 3 reads and 1 read → 10 + 10 entry requests, 40 reads, over 100 s
    const agg = aggregatePaths([trace('a', 3, 0.1), trace('b', 1, 0.1)].map((t) => digestPathTrace(t, ENTRY)), EMPTY_DESIGN, W, ENTRY)
    const flow = pathFlow(agg)
    expect(flow.unit).toBe('rps')
    expect(flow.nodes.map((n) => [n.label, n.depth])).toEqual([['gw GET /', 0], ['bff Render', 1], ['db SELECT', 2]])
    expect(flow.depth).toBe(2)
    const byLabel = new Map(flow.nodes.map((n) => [n.label, n]))
    expect(byLabel.get('gw GET /')?.value).toBeCloseTo(0.2)
    expect(byLabel.get('db SELECT')?.value).toBeCloseTo(0.4)
    // the fan-out shows: the link into the database is twice as wide as the one into bff
    const into = (label: string) => flow.links.find((l) => l.target === flow.nodes.find((n) => n.label === label)?.id)?.value
    expect(into('bff Render')).toBeCloseTo(0.2)
    expect(into('db SELECT')).toBeCloseTo(0.4)
    expect(flow.links).toHaveLength(2)
  })

  it('falls back to calls per entry request when the sampling rates are unknown', () => {
    const agg = aggregatePaths([trace('a', 3, 1, false), trace('b', 1, 1, false)].map((t) => digestPathTrace(t, ENTRY)), EMPTY_DESIGN, W, ENTRY)
    const flow = pathFlow(agg)
    expect(flow.unit).toBe('ratio')
    expect(flow.nodes.find((n) => n.label === 'db SELECT')?.value).toBeCloseTo(2)
  })

  it('keeps a readable column per level: a deep tree gets wider than the page instead of cutting labels', () => {
    const agg = aggregatePaths([trace('a', 1, 0.1)].map((t) => digestPathTrace(t, ENTRY)), EMPTY_DESIGN, W, ENTRY)
    const flow = { ...pathFlow(agg), depth: 9 }
    expect(sankeyColumn(flow, 1248)).toBe(MIN_COLUMN)
    expect(sankeyColumn(pathFlow(agg), 1248)).toBe(Math.floor((1248 - 16) / 3))
    const option = pathSankeyOption(agg, pathFlow(agg), { fg: '#000', service: () => '#888', width: 1248 })
    const series = (option.series as { label: { width: number }; right: number }[])[0]
    expect(series?.label.width).toBe(Math.floor((1248 - 16) / 3) - 22)
    expect(series?.right).toBeGreaterThanOrEqual(series?.label.width ?? Infinity)
  })

  it("names the hovered node, or a link's two ends, with its calls", () => {
    const agg = aggregatePaths([trace('a', 3, 0.1), trace('b', 1, 0.1)].map((t) => digestPathTrace(t, ENTRY)), EMPTY_DESIGN, W, ENTRY)
    const flow = pathFlow(agg)
    const option = pathSankeyOption(agg, flow, { fg: '#000', service: () => '#888', width: 1248 })
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const id = (label: string) => flow.nodes.find((n) => n.label === label)?.id ?? ''
    expect(tip({ dataType: 'node', data: { name: id('db SELECT') }, value: 0.4 })).toMatch(/^<bdi>db SELECT<\/bdi><br\/>≈ 0\.4\/s calls \(est\.\) · \d+ % of the entry's latency on the critical path$/)
    expect(tip({ dataType: 'edge', data: { source: id('bff Render'), target: id('db SELECT') }, value: 0.2 })).toMatch(/^<bdi>bff Render<\/bdi> → <bdi>db SELECT<\/bdi><br\/>≈ 0\.2\/s calls \(est\.\) · /)
    expect(tip({ dataType: 'node', data: { name: 'not a node' }, value: 1 })).toBe('')
    expect(tip({})).toBe('')
  })
  it('past the limit draws the busiest nodes and merges the others, under their parent, into a "more" node as wide as their calls', () => {
    // gw → bff → 30 different tables, table k read k + 1 times per request
    const b = new TraceBuilder('wide')
    b.sampling = { mode: 'probability', rate: 0.1, samplerRate: 0.1, triggerSpanId: null, triggerTime: null }
    const at = (s: Span, t: number, d: number) => {
      s.startTime = 1_795_000_000_000_000 + t
      s.duration = d
      return s
    }
    const root = at(b.span(null, 'gw', 'GET /', { kind: 'server' }), 0, 100_000)
    const { client, server } = b.call(root, 'bff', 'Render')
    at(client, 10, 90_000)
    at(server as Span, 10, 90_000)
    let t = 20
    for (let k = 0; k < 30; k++) for (let r = 0; r <= k; r++) at(b.span(server, 'bff', `SELECT t${k}`, { kind: 'client', tags: { ToService: 'db', ToMethod: `SELECT t${k}` } }), (t += 1), 1)
    const agg = aggregatePaths([digestPathTrace({ traceId: b.traceId, spans: b.spans, sampling: b.sampling, warnings: [] }, ENTRY)], EMPTY_DESIGN, W, ENTRY)
    expect(pathFlow(agg).merged).toBe(0)
    expect(pathFlow(agg).nodes).toHaveLength(32)
    const flow = pathFlow(agg, 10)
    expect(flow.total).toBe(32)
    const real = flow.nodes.filter((n) => !n.more)
    const more = flow.nodes.filter((n) => n.more)
    // the 10 busiest (the 10 most-read tables) and the two nodes above them
    expect(real).toHaveLength(12)
    expect(real.map((n) => n.label)).toContain('db SELECT t29')
    expect(real.map((n) => n.label)).toContain('db SELECT t20')
    expect(real.map((n) => n.label)).not.toContain('db SELECT t19')
    expect(more).toHaveLength(1)
    expect(flow.merged).toBe(20)
    expect(more[0]?.label).toBe('20 more calls (20 nodes)')
    expect(more[0]?.depth).toBe(2)
    // nothing lost: the flow out of bff is all its calls, the merged ones included
    const out = flow.links.filter((l) => l.source === real[1]?.id).reduce((s, l) => s + l.value, 0)
    const all = agg.nodes.filter((n) => n.depth === 2).reduce((s, n) => s + (n.rps?.value ?? 0), 0)
    expect(out).toBeCloseTo(all)
    expect(more[0]?.value).toBeCloseTo(agg.nodes.filter((n) => n.depth === 2 && !real.some((r) => r.id === n.key)).reduce((s, n) => s + (n.rps?.value ?? 0), 0))
    const option = pathSankeyOption(agg, flow, { fg: '#000', service: () => '#888', width: 1248 })
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(tip({ dataType: 'node', data: { name: more[0]?.id }, value: more[0]?.value })).toMatch(/^20 tree nodes under <bdi>bff Render<\/bdi>, not drawn one by one/)
  })
})
