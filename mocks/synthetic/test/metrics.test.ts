// @vitest-environment node
import type { MetricName } from '../../../src/domain/model'
import { findExemplars } from '../exemplars'
import type { Incidents } from '../incidents'
import { queryMetric } from '../metrics'
import { searchTraces } from '../search'
import { buildTrace } from '../trace'
import type { World } from '../world'
import { DAY, HOUR, MIN, NOW, pinnedWorld } from './fixtures'

function series(world: World, inc: Incidents, metric: MetricName, key: string, from: number, to: number, step = MIN) {
  const op = world.opByKey.get(key)!
  return queryMetric(world, inc, { metric, ops: [op], operation: op.name, filters: [], groupBy: null, from, to, step }).series[0].points
}

const mean = (points: [number, number | null][]): number => points.reduce((a, [, v]) => a + (v ?? 0), 0) / points.length

describe('metrics are exact aggregates of the traffic model', () => {
  it('give the same answer twice', () => {
    const { world, inc } = pinnedWorld()
    const a = series(world, inc, 'latency_p99', 'order-service::CreateOrder', NOW - HOUR, NOW)
    expect(series(world, inc, 'latency_p99', 'order-service::CreateOrder', NOW - HOUR, NOW)).toEqual(a)
  })

  it('agree with the traffic estimated from sampled traces (Σ 1/rate) within 15 %', () => {
    const { world, inc } = pinnedWorld()
    const from = NOW - 3 * HOUR
    const to = from + 30 * MIN
    const { rows, truncated } = searchTraces(world, inc, { from, to, service: 'api-gateway', tags: [], limit: 10_000 })
    expect(truncated).toBe(false)
    const gateway = rows.filter((r) => r.summary.rootService === 'api-gateway')
    expect(gateway.length).toBeGreaterThanOrEqual(2000)
    const estimated = gateway.reduce((a, r) => a + 1 / r.summary.sampling.rate, 0)
    const ops = world.services.find((s) => s.name === 'api-gateway')!.ops.map((i) => world.ops[i])
    const res = queryMetric(world, inc, { metric: 'request_rate', ops, operation: null, filters: [], groupBy: null, from, to, step: MIN })
    const calls = res.series[0].points.reduce((a, [, v]) => a + (v ?? 0) * 60, 0)
    expect(Math.abs(estimated - calls) / calls).toBeLessThan(0.15)
  })

  it('agree with the error share estimated from sampled traces during incident A', () => {
    const { world, inc } = pinnedWorld()
    const from = inc.deployA + MIN
    const to = NOW
    const { rows } = searchTraces(world, inc, { from, to, service: 'api-gateway', operation: 'POST /api/checkout', tags: [], limit: 10_000 })
    const checkout = rows.filter((r) => r.summary.rootOperation === 'POST /api/checkout' && r.key.mode !== 'dyed')
    const all = checkout.reduce((a, r) => a + 1 / r.summary.sampling.rate, 0)
    const failed = checkout.filter((r) => r.rootError).reduce((a, r) => a + 1 / r.summary.sampling.rate, 0)
    const metric = mean(series(world, inc, 'error_rate', 'api-gateway::POST /api/checkout', from, to))
    expect(Math.abs(failed / all - metric)).toBeLessThan(0.08)
  })
})

describe('incidents in metrics', () => {
  it('incident A: ReserveStock fails ≥ 10× its baseline and the checkout entry spikes; not yesterday', () => {
    const { world, inc } = pinnedWorld()
    const during = (key: string, shift = 0) => mean(series(world, inc, 'error_rate', key, inc.deployA + MIN - shift, NOW - shift))
    const before = (key: string) => mean(series(world, inc, 'error_rate', key, inc.deployA - HOUR, inc.deployA))
    const stock = 'stock-service::ReserveStock'
    const entry = 'api-gateway::POST /api/checkout'
    expect(during(stock)).toBeGreaterThanOrEqual(10 * before(stock))
    expect(during(entry)).toBeGreaterThanOrEqual(10 * before(entry))
    expect(during(stock, DAY)).toBeLessThan(2 * before(stock))
    expect(during(entry, DAY)).toBeLessThan(2 * before(entry))
  })

  it('incident B: mysql-orders p99 about ×10 during the spike, quiet yesterday', () => {
    const { world, inc } = pinnedWorld()
    const p99 = (from: number, to: number) => mean(series(world, inc, 'latency_p99', 'mysql-orders::INSERT orders', from, to))
    const base = p99(inc.spikeFrom - 30 * MIN, inc.spikeFrom)
    expect(p99(inc.spikeFrom, inc.spikeTo)).toBeGreaterThan(8 * base)
    expect(p99(inc.spikeFrom - DAY, inc.spikeTo - DAY)).toBeLessThan(1.5 * base)
  })

  it('incident C: dc-west points are missing and the answer is partial', () => {
    const { world, inc } = pinnedWorld()
    const op = world.opByKey.get('order-service::CreateOrder')!
    const res = queryMetric(world, inc, { metric: 'request_rate', ops: [op], operation: op.name, filters: [], groupBy: 'DC', from: NOW - 30 * MIN, to: NOW, step: MIN })
    expect(res.partial?.missingDcs).toEqual(['dc-west'])
    const west = res.series.find((s) => s.labels.DC === 'dc-west')!
    const inOutage = west.points.filter(([t]) => t >= inc.outageFrom && t + MIN <= inc.outageTo)
    expect(inOutage.length).toBeGreaterThan(0)
    expect(inOutage.every(([, v]) => v === null)).toBe(true)
    expect(res.series.find((s) => s.labels.DC === 'dc-east')!.points.every(([, v]) => v !== null)).toBe(true)
  })
})

it('every exemplar resolves to a span of its trace with the same service, operation, time, status and latency', () => {
  const { world, inc } = pinnedWorld()
  for (const key of ['stock-service::ReserveStock', 'mysql-orders::INSERT orders']) {
    const op = world.opByKey.get(key)!
    const { exemplars } = findExemplars(world, inc, { ops: [op], filters: [], from: NOW - 30 * MIN, to: NOW })
    expect(exemplars.length).toBeGreaterThan(10)
    if (key.startsWith('stock')) expect(exemplars.some((e) => e.isError)).toBe(true)
    for (const e of exemplars) {
      const t = buildTrace(e.traceId, world, inc)
      const s = t?.spans.find((x) => x.spanId === e.spanId)
      expect(s).toBeDefined()
      const serviceMatches = s!.service === e.service || s!.tags.ToService === e.service
      expect(serviceMatches && s!.name === e.operation).toBe(true)
      expect(Math.floor(s!.startTime / 1000)).toBe(e.time)
      expect(s!.duration).toBe(e.latency)
      expect(s!.status === 'error').toBe(e.isError)
    }
  }
})
