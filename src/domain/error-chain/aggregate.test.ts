import { describe, expect, it } from 'vitest'
import type { ChangeEvent, Span, Trace } from '../model'
import { aggregateChains, byGrowth, trendOf } from './aggregate'
import { digestTrace } from './digest'
import type { TraceDigest } from './digest'
import type { SampleDesign } from './estimate'
import { buildFlow, matchesPick, parsePick } from './flow'
import { leadingChange, MIN_SUPPORT, rankOrigins, rateShift } from './root-cause'
import { TraceBuilder, checkoutFailure } from './trace-builder'

const MIN = 60_000

function withRate(t: Trace, rate: number, mode: Trace['sampling']['mode'] = 'probability'): Trace {
  return { ...t, sampling: { mode, rate, triggerSpanId: null, triggerTime: null } }
}

function stockFailure(id: string, rate = 0.01): Trace {
  return withRate(checkoutFailure(id), rate)
}

function paymentFailure(id: string, rate = 0.01): Trace {
  const b = new TraceBuilder(id)
  const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
  b.call(gw, 'payment', 'Authorize', { error: true, code: 500 })
  return withRate(b.build(), rate)
}

const CHECKOUT = 'stock-service:ReserveStock → order-service:CreateOrder → checkout-bff:PlaceOrder → api-gateway:POST /api/checkout'
const PAYMENT = 'payment:Authorize → api-gateway:POST /api/checkout'
/** a digest drawn from the single stratum of `listed` */
const dg = (t: Trace, stratum = 0): TraceDigest => ({ ...digestTrace(t), stratum })
const range = (n: number, f: (i: number) => Trace) => Array.from({ length: n }, (_, i) => dg(f(i)))
/** one stratum whose n stored error traces were all listed */
const listed = (n: number): SampleDesign => ({ strata: [{ listed: n, scale: 1 }], total: { value: 0, se: 0, n }, listed: n, listedShare: 1 })

describe('aggregateChains', () => {
  it('groups chains by signature with counts, shares and volumes scaled by sampling rate', () => {
    const current = [...range(6, (i) => stockFailure(`s${i}`, 0.01)), ...range(2, (i) => paymentFailure(`p${i}`, 0.1))]
    const agg = aggregateChains(current, [], listed(8), listed(0))
    expect(agg.groups.map((g) => g.signature)).toEqual([CHECKOUT, PAYMENT])
    const [stock, pay] = agg.groups
    expect(stock).toMatchObject({ count: 6, share: 0.75, estimated: 600, originService: 'stock-service', endService: 'api-gateway', reachedEntry: true })
    expect(pay).toMatchObject({ count: 2, share: 0.25, estimated: 20 })
    expect(stock?.estimate.n).toBe(6)
    expect(stock?.examples).toHaveLength(5)
    expect(stock?.examples[0]?.chainId).toBeTruthy()
  })

  it('estimates the traces whose chains reach each entry, counting a trace with two such chains once', () => {
    const both = (id: string) => {
      const b = new TraceBuilder(id)
      const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
      b.call(gw, 'payment', 'Authorize', { error: true, code: 500 })
      b.call(gw, 'stock-service', 'ReserveStock', { error: true, code: 500 })
      return withRate(b.build(), 0.01)
    }
    const current = [...range(3, (i) => both(`b${i}`)), ...range(2, (i) => paymentFailure(`p${i}`, 0.01))]
    const agg = aggregateChains(current, [], listed(5), listed(0))
    const atGateway = agg.groups.filter((g) => g.endService === 'api-gateway')
    // the chains' own volumes count the two-chain traces twice: 3 × 2 + 2 chains, 100 each
    expect(atGateway).toHaveLength(2)
    expect(atGateway.reduce((s, g) => s + g.estimated, 0)).toBe(800)
    // the entry's estimate counts traces: 5, each standing for 100
    expect(agg.entries).toEqual([{ service: 'api-gateway', chains: 2, current: expect.objectContaining({ value: 500, n: 5 }) as unknown }])
    // with an origin chosen, only the traces with a chain from there
    const fromStock = aggregateChains(current, [], listed(5), listed(0), { origin: 'stock-service' })
    expect(fromStock.entries).toEqual([{ service: 'api-gateway', chains: 1, current: expect.objectContaining({ value: 300, n: 3 }) as unknown }])
  })

  it('gives the chain’s earliest traces as its examples, whatever order the traces were analysed in', () => {
    const traces = Array.from({ length: 8 }, (_, i) => dg(checkoutFailure(`t${i}`, {}, 1_700_000_000_000_000 + i * 60_000_000)))
    const examples = (ds: typeof traces) => aggregateChains(ds, [], listed(8), listed(0)).groups[0]?.examples.map((e) => e.traceId)
    expect(examples(traces)).toEqual(['t0', 't1', 't2', 't3', 't4'])
    expect(examples([...traces].reverse())).toEqual(['t0', 't1', 't2', 't3', 't4'])
    expect(examples([traces[5], traces[2], traces[7], traces[0], traces[6], traces[1], traces[4], traces[3]].filter((t) => t !== undefined))).toEqual(['t0', 't1', 't2', 't3', 't4'])
  })

  it('scales estimates up by the share of listed traces the sample did not analyse, stratum by stratum', () => {
    // stratum 0: 40 listed, 10 analysed (all stock); stratum 1: 6 listed, 2 analysed (both payment)
    const current = [...range(10, (i) => stockFailure(`s${i}`, 0.5)), ...Array.from({ length: 2 }, (_, i) => dg(paymentFailure(`p${i}`, 0.5), 1))]
    const design: SampleDesign = { strata: [{ listed: 40, scale: 1 }, { listed: 6, scale: 1 }], total: { value: 92, se: 9, n: 46 }, listed: 46, listedShare: 1 }
    const agg = aggregateChains(current, [], design, listed(0))
    expect(agg.groups.find((g) => g.signature === CHECKOUT)?.estimated).toBe(80)
    expect(agg.groups.find((g) => g.signature === PAYMENT)?.estimated).toBe(12)
    expect(agg.total).toEqual(design.total)
  })

  it('compares with yesterday: new, up, down, gone, same', () => {
    const current = [...range(8, (i) => stockFailure(`s${i}`, 0.01)), ...range(2, (i) => paymentFailure(`p${i}`, 0.01))]
    const yesterday = range(10, (i) => paymentFailure(`y${i}`, 0.01))
    const agg = aggregateChains(current, yesterday, listed(10), listed(10))
    expect(agg.groups.find((g) => g.signature === CHECKOUT)).toMatchObject({ trend: 'new', baselineCount: 0 })
    expect(agg.groups.find((g) => g.signature === PAYMENT)).toMatchObject({ trend: 'down', count: 2, baselineCount: 10, baselineEstimated: 1000 })
    expect(trendOf({ value: 1000, se: 100, n: 10 }, { value: 400, se: 100, n: 4 })).toBe('up')
    // the same move within the noise of the estimates is no trend
    expect(trendOf({ value: 1000, se: 400, n: 10 }, { value: 400, se: 300, n: 4 })).toBe('same')
    expect(trendOf({ value: 0, se: 0, n: 0 }, { value: 400, se: 100, n: 4 })).toBe('gone')
    expect(trendOf({ value: 500, se: 100, n: 5 }, { value: 400, se: 100, n: 4 })).toBe('same')
    // growth order puts the chain that grew first even when another is larger
    const grown = byGrowth(agg.groups)
    expect(grown[0]?.signature).toBe(CHECKOUT)
  })

  it('counts PostTrace captures and the segments they miss', () => {
    const b = new TraceBuilder('pt')
    const gw = b.span(null, 'api-gateway', 'POST /api/checkout', { error: true, code: 500 })
    const bff = b.call(gw, 'checkout-bff', 'PlaceOrder', { error: true, code: 502, clientCode: 502 }).server as Span
    const order = b.call(bff, 'order-service', 'CreateOrder', { error: true, code: 500, clientCode: 500 }).server as Span
    const lost = b.call(order, 'stock-service', 'ReserveStock', { error: true, code: 500, calleeMissing: true })
    b.posttrace(lost.client.spanId)
    const current = [dg(b.build()), ...range(3, (i) => stockFailure(`s${i}`))]
    const g = aggregateChains(current, [], listed(4), listed(0)).groups[0]
    expect(g).toMatchObject({ signature: CHECKOUT, count: 4, postTraceCount: 1 })
    expect(g?.gaps).toEqual([{ kind: 'callee-not-captured', detail: 'call to stock-service was not captured', count: 1 }])
  })

  it('filters by origin service and lists over-represented tag values as hints', () => {
    const canary = (id: string) => {
      const b = new TraceBuilder(id)
      const gw = b.span(null, 'api-gateway', 'GET /api/products', { error: true, code: 500 })
      b.call(gw, 'catalog', 'List', { error: true, code: 500, resource: { DeployStage: 'canary' } })
      b.call(gw, 'catalog', 'Count', { code: 200, resource: { DeployStage: 'full' } })
      return withRate(b.build(), 0.1)
    }
    const current = [...range(4, (i) => canary(`c${i}`)), ...range(2, (i) => paymentFailure(`p${i}`))]
    const agg = aggregateChains(current, [], listed(6), listed(0), { origin: 'catalog' })
    expect(agg.groups).toHaveLength(1)
    expect(agg.groups[0]?.hints[0]).toMatchObject({ key: 'DeployStage', value: 'canary', selectionShare: 1 })
  })
})

describe('rankOrigins', () => {
  const deploy: ChangeEvent = {
    id: 'c1', time: 0, service: 'stock-service', kind: 'deploy', description: 'deploy', version: 'v2.14.0', dc: null, cluster: null, deployStage: 'full',
  }
  const autoscale: ChangeEvent = { ...deploy, id: 'c2', service: 'payment', kind: 'scale', version: null, description: 'daily autoscaler' }
  const shifted = { before: 0.002, after: 0.3, shifted: true }
  const flat = { before: 0.004, after: 0.0041, shifted: false }

  it('ranks an origin whose errors rose beyond the noise first; a change counts only when the service’s error rate shifted after it', () => {
    const current = [...range(12, (i) => stockFailure(`s${i}`)), ...range(30, (i) => paymentFailure(`p${i}`))]
    const yesterday = range(30, (i) => paymentFailure(`y${i}`))
    const agg = aggregateChains(current, yesterday, listed(42), listed(30))
    const firstSeen = agg.groups.find((g) => g.originService === 'stock-service')?.firstSeen ?? 0
    const changes = [{ ...deploy, time: firstSeen - 3 * MIN }, { ...autoscale, time: firstSeen - 10 * MIN }]
    const r = rankOrigins(agg.groups, changes, agg.origins, (c) => (c.service === 'stock-service' ? shifted : flat))
    expect(r.causes.map((o) => o.service)).toEqual(['stock-service'])
    expect(r.causes[0]).toMatchObject({ trend: 'new', entries: ['api-gateway'], class: 'cause' })
    expect(r.causes[0]?.change?.leadMs).toBe(3 * MIN)
    expect(r.causes[0]?.evidence).toContain('deploy v2.14.0 3 min before the errors appeared; stock-service’s error rate 0.2 % → 30.0 % after it')
    // the larger, older source is steady; its routine change is named as not explaining anything
    expect(r.steady.map((o) => o.service)).toEqual(['payment'])
    expect(r.steady[0]?.change).toBeNull()
    expect(r.steady[0]?.unrelatedChange?.change.id).toBe('c2')
    expect(r.steady[0]?.evidence.join(' ')).toMatch(/did not shift after it/)
    // without a measured shift the deploy does not count
    const unknown = rankOrigins(agg.groups, changes, agg.origins)
    expect(unknown.causes[0]?.change).toBeNull()
    expect(unknown.causes[0]?.service).toBe('stock-service')
  })

  it('matches the change to the chain that appeared, even when older chains of the origin predate it', () => {
    const oldChain = (id: string) => {
      const b = new TraceBuilder(id, 1_000_000 * 1000)
      const gw = b.span(null, 'api-gateway', 'GET /api/stock', { error: true, code: 500 })
      b.call(gw, 'stock-service', 'GetStock', { error: true, code: 500 })
      return withRate(b.build(), 0.01)
    }
    const current = [...range(6, (i) => oldChain(`o${i}`)), ...range(10, (i) => withRate(checkoutFailure(`n${i}`, {}, (1_000_000 + 40 * MIN) * 1000), 0.01))]
    const yesterday = range(6, (i) => oldChain(`y${i}`))
    const agg = aggregateChains(current, yesterday, listed(16), listed(6))
    const r = rankOrigins(agg.groups, [{ ...deploy, time: 1_000_000 + 37 * MIN }], agg.origins, () => shifted)
    expect(Math.round((r.causes[0]?.change?.leadMs ?? 0) / 1000)).toBe(180)
  })

  it('shows origins below the minimum support apart as low evidence, not among causes', () => {
    const current = [...range(3, (i) => stockFailure(`s${i}`)), ...range(20, (i) => paymentFailure(`p${i}`))]
    const yesterday = range(20, (i) => paymentFailure(`y${i}`))
    const agg = aggregateChains(current, yesterday, listed(23), listed(20))
    const r = rankOrigins(agg.groups, [], agg.origins)
    expect(r.lowEvidence.map((o) => o.service)).toEqual(['stock-service'])
    expect(r.lowEvidence[0]?.evidence.join(' ')).toContain(`only 3 traces in the sample: too few to rank (at least ${MIN_SUPPORT})`)
    expect(r.causes).toEqual([])
  })

  it('finds no clear cause in a quiet hour: every origin at yesterday’s level within the noise', () => {
    const current = [...range(20, (i) => paymentFailure(`p${i}`)), ...range(8, (i) => stockFailure(`s${i}`))]
    const yesterday = [...range(18, (i) => paymentFailure(`y${i}`)), ...range(9, (i) => stockFailure(`z${i}`))]
    const agg = aggregateChains(current, yesterday, listed(28), listed(27))
    const r = rankOrigins(agg.groups, [], agg.origins)
    expect(r.causes).toEqual([])
    expect(r.steady.map((o) => o.service)).toEqual(['payment', 'stock-service'])
  })

  it('measures the error-rate shift around a change weighted by traffic', () => {
    const series = (points: [number, number][]) => ({ metric: 'error_rate' as const, step: MIN, partial: null, series: [{ labels: {}, points }] })
    const t = 100 * MIN
    // before: a busy minute at 1 % and a quiet one at 10 %: 1.8 % weighted, not 5.5 %
    const err = series([[t - 2 * MIN, 0.01], [t - MIN, 0.1], [t, 0.3], [t + MIN, 0.3]])
    const req = { ...series([[t - 2 * MIN, 100], [t - MIN, 10], [t, 100], [t + MIN, 100]]), metric: 'request_rate' as const }
    const s = rateShift(err, req, t)
    expect(s?.before).toBeCloseTo(2 / 110, 4)
    expect(s?.after).toBeCloseTo(0.3)
    expect(s?.shifted).toBe(true)
    const flatErr = series([[t - 2 * MIN, 0.004], [t - MIN, 0.004], [t, 0.0041], [t + MIN, 0.0041]])
    expect(rateShift(flatErr, req, t)?.shifted).toBe(false)
    // no data on one side: no verdict
    expect(rateShift(err, req, t + 20 * MIN)).toBeNull()
  })

  it('ignores changes long before the errors or at other services', () => {
    expect(leadingChange([{ ...deploy, time: 0 }], 'stock-service', 2 * 60 * MIN)).toBeNull()
    expect(leadingChange([{ ...deploy, time: 0 }], 'payment', MIN)).toBeNull()
    const later = { ...deploy, id: 'c2', time: 30 * MIN }
    expect(leadingChange([deploy, later], 'stock-service', 40 * MIN)?.change.id).toBe('c2')
  })
})

describe('propagation flow', () => {
  it('builds layered nodes and links weighted by estimated volume, and filters by a click', () => {
    const current = [...range(2, (i) => stockFailure(`s${i}`, 0.1)), ...range(1, (i) => paymentFailure(`p${i}`, 0.1))]
    const { groups } = aggregateChains(current, [], listed(3), listed(0))
    const flow = buildFlow(groups)
    expect(flow.nodes.find((n) => n.id === '0|stock-service')?.value).toBe(20)
    expect(flow.nodes.find((n) => n.id === '3|api-gateway')).toMatchObject({ terminal: true, value: 20 })
    expect(flow.nodes.find((n) => n.id === '1|api-gateway')).toMatchObject({ terminal: true, value: 10 })
    expect(flow.links.find((l) => l.id === '0|stock-service>1|order-service')?.value).toBe(20)
    const pickCall = parsePick('order-service>checkout-bff')
    expect(groups.filter((g) => matchesPick(g, pickCall)).map((g) => g.originService)).toEqual(['stock-service'])
    expect(groups.filter((g) => matchesPick(g, parsePick('api-gateway')))).toHaveLength(2)
  })
})
