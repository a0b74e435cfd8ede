// @vitest-environment node
import type { TopologyResponse } from '../../../src/api/schemas/topology'
import { DC_SHARES, DCS } from '../world-catalog'
import { OUTAGE_DC } from '../incidents'
import type { Incidents } from '../incidents'
import { queryMetric } from '../metrics'
import { buildTopology } from '../topology'
import { entryRate, SLOT_MS } from '../traffic'
import type { World } from '../world'
import { MIN, NOW, pinnedWorld } from './fixtures'

/**
 * Ground truth from the world's definition alone: an operation's calls in a slot are
 * Σ entries (entry rate × calls per entry request), split over DCs by the DC shares; a DC that
 * did not answer contributes nothing for its silent slots.
 */
function trueCalls(world: World, inc: Incidents, service: string, from: number, to: number, dc: string | null): { calls: number; seconds: number } {
  const svc = world.serviceByName.get(service)!
  const share = (d: string): number => {
    const total = svc.dcs.reduce((a, x) => a + DC_SHARES[DCS.indexOf(x as (typeof DCS)[number])], 0)
    return DC_SHARES[DCS.indexOf(d as (typeof DCS)[number])] / total
  }
  let calls = 0
  let seconds = 0
  for (let t = from; t < to; t += SLOT_MS) {
    const slot = Math.floor(t / SLOT_MS)
    const mid = slot * SLOT_MS + SLOT_MS / 2
    const silent = mid >= inc.outageFrom && mid < inc.outageTo
    const dcs = (dc === null ? svc.dcs : [dc]).filter((d) => !(silent && d === OUTAGE_DC))
    if (dcs.length > 0) seconds += SLOT_MS / 1000
    const answered = dcs.reduce((a, d) => a + share(d), 0)
    for (const op of svc.ops) {
      let r = 0
      world.entries.forEach((e, i) => {
        r += entryRate(world.ops[e], slot) * world.entryMult[i][op]
      })
      calls += r * answered * (SLOT_MS / 1000)
    }
  }
  return { calls, seconds }
}

const node = (t: TopologyResponse, id: string) => t.nodes.find((n) => n.id === id)!

describe('topology during the dc-west outage', () => {
  const { world, inc } = pinnedWorld()
  const from = NOW - 30 * MIN
  const to = NOW

  it('shows the same traffic as the metrics: dc-west left out for the minutes it was silent', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'service' })
    const truth = trueCalls(world, inc, 'api-gateway', from, to, null)
    const gw = node(topo, 'api-gateway')
    expect(gw.rps).toBeCloseTo(truth.calls / truth.seconds, 6)
    const ops = world.serviceByName.get('api-gateway')!.ops.map((i) => world.ops[i])
    const metric = queryMetric(world, inc, { metric: 'request_rate', ops, operation: null, filters: [], groupBy: null, from, to, step: MIN })
    const points = metric.series[0].points
    const mean = points.reduce((a, [, v]) => a + (v ?? 0), 0) / points.length
    expect(Math.abs(gw.rps - mean) / mean).toBeLessThan(0.005)
    expect(gw.silent).toEqual({ from: inc.outageFrom, to: inc.outageTo, seconds: 300, whole: false })
    expect(gw.health).not.toBe('unknown')
  })

  it('counts retried calls as the metrics do (session-service is called with retries)', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'service' })
    const session = node(topo, 'session-service')
    const ops = world.serviceByName.get('session-service')!.ops.map((i) => world.ops[i])
    const metric = queryMetric(world, inc, { metric: 'request_rate', ops, operation: null, filters: [], groupBy: null, from, to, step: MIN })
    const points = metric.series[0].points
    const mean = points.reduce((a, [, v]) => a + (v ?? 0), 0) / points.length
    expect(Math.abs(session.rps - mean) / mean).toBeLessThan(0.005)
    const first = trueCalls(world, inc, 'session-service', from, to, null)
    expect(session.rps).toBeGreaterThan(first.calls / first.seconds)
  })

  it('gives a dc-west node its rate over the minutes it answered, marks its silent minutes, and judges its health', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'dc' })
    const west = node(topo, `api-gateway@${OUTAGE_DC}`)
    const truth = trueCalls(world, inc, 'api-gateway', from, to, OUTAGE_DC)
    expect(truth.seconds).toBe(25 * 60)
    expect(west.rps).toBeCloseTo(truth.calls / truth.seconds, 6)
    expect(west.silent).toEqual({ from: inc.outageFrom, to: inc.outageTo, seconds: 300, whole: true })
    expect(west.health).not.toBe('unknown')
    const ops = world.serviceByName.get('api-gateway')!.ops.map((i) => world.ops[i])
    const metric = queryMetric(world, inc, { metric: 'request_rate', ops, operation: null, filters: [{ key: 'DC', value: OUTAGE_DC }], groupBy: null, from, to, step: MIN })
    const answered = metric.series[0].points.filter(([, v]) => v !== null)
    expect(answered).toHaveLength(25)
    const mean = answered.reduce((a, [, v]) => a + (v ?? 0), 0) / answered.length
    expect(Math.abs(west.rps - mean) / mean).toBeLessThan(0.005)
    const east = node(topo, 'api-gateway@dc-east')
    expect(east.silent).toBeNull()
  })

  it('is unknown only when the window holds no data at all for the node', () => {
    const topo = buildTopology(world, inc, { from: inc.outageFrom + MIN, to: inc.outageTo - MIN, groupBy: 'dc' })
    const west = node(topo, `api-gateway@${OUTAGE_DC}`)
    expect(west.health).toBe('unknown')
    expect(west.rps).toBe(0)
    expect(west.silent?.whole).toBe(true)
  })

  it('reads the day peak from every minute of the day (no sampled instants)', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'service' })
    const gw = node(topo, 'api-gateway')
    let best = 0
    for (let m = Math.floor((to - 86_400_000) / MIN) * MIN; m < to; m += MIN) {
      const t = trueCalls(world, inc, 'api-gateway', m, m + MIN, null)
      best = Math.max(best, t.calls / 60)
    }
    expect(gw.peakRps).toBeCloseTo(best, 6)
  })
})

describe('method health during incident A', () => {
  const { world, inc } = pinnedWorld()
  // incident A's alert on stock-service fires for ReserveStock's panics
  const from = NOW - 30 * MIN
  const to = NOW

  it('judges each method on its own figures: CheckStock stays healthy while ReserveStock fails and the service alert fires', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'method' })
    const check = node(topo, 'stock-service::CheckStock')
    const reserve = node(topo, 'stock-service::ReserveStock')
    expect(check.alerts).toBeGreaterThan(0)
    expect(check.errorRate).toBeLessThan(0.01)
    expect(check.health).toBe('ok')
    expect(reserve.errorRate).toBeGreaterThanOrEqual(0.05)
    expect(reserve.health).toBe('critical')
    // the service as a whole is still judged with its alert
    expect(node(buildTopology(world, inc, { from, to, groupBy: 'service' }), 'stock-service').health).toBe('critical')
  })
})
