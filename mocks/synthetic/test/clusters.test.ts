// @vitest-environment node
import { CANARY_CLUSTERS, DEPLOY_VERSION, PANIC_OPERATION, PANIC_SERVICE, PANIC_SHARE, PREVIOUS_VERSION } from '../incidents'
import { queryMetric } from '../metrics'
import { buildTrace } from '../trace'
import { searchTraces } from '../search'
import { buildTopology } from '../topology'
import { entryRate, slotOf } from '../traffic'
import { MIN, NOW, HOUR, pinnedWorld } from './fixtures'

const isCanary = (cluster: string): boolean => (CANARY_CLUSTERS as readonly string[]).includes(cluster)

describe('incident A lands first in the canary clusters, and only there', () => {
  const { world, inc } = pinnedWorld()
  const from = inc.deployA + MIN
  const to = NOW
  const rs = world.opByKey.get(`${PANIC_SERVICE}::${PANIC_OPERATION}`)!
  const svc = world.serviceByName.get(PANIC_SERVICE)!
  // ReserveStock's share of stock-service's calls, from the world's definition (entry rates × calls per request)
  const slot = slotOf(NOW - 5 * MIN)
  const callsOf = (op: number): number => world.entries.reduce((a, e, i) => a + entryRate(world.ops[e], slot) * world.entryMult[i][op], 0)
  const rsShare = callsOf(rs.idx) / svc.ops.reduce((a, i) => a + callsOf(i), 0)

  it('grouped by cluster, the topology shows the canary clusters failing and the others healthy', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'cluster' })
    const nodes = topo.nodes.filter((n) => n.service === PANIC_SERVICE)
    expect(nodes).toHaveLength(6)
    for (const n of nodes) {
      if (isCanary(n.cluster!)) {
        // own panics, plus the few ordinary failures every cluster has
        expect(Math.abs(n.errorRate - rsShare * PANIC_SHARE)).toBeLessThan(0.01)
        expect(n.health).toBe('critical')
      } else {
        expect(n.errorRate).toBeLessThan(0.01)
        expect(n.health).not.toBe('critical')
      }
    }
    // grouped by service the panics are spread over all its traffic: 40 % of it runs the deploy
    const whole = buildTopology(world, inc, { from, to, groupBy: 'method' }).nodes.find((n) => n.id === `${PANIC_SERVICE}::${PANIC_OPERATION}`)!
    expect(Math.abs(whole.errorRate - 0.4 * PANIC_SHARE)).toBeLessThan(0.01)
  })

  it('the metrics grouped by Cluster, DeployStage and Version agree with the topology', () => {
    const topo = buildTopology(world, inc, { from, to, groupBy: 'cluster' })
    const m = queryMetric(world, inc, { metric: 'error_rate', ops: svc.ops.map((i) => world.ops[i]), operation: null, filters: [], groupBy: 'Cluster', from, to, step: MIN })
    for (const s of m.series) {
      const node = topo.nodes.find((n) => n.id === `${PANIC_SERVICE}@${s.labels.Cluster}`)!
      const pts = s.points.filter(([, v]) => v !== null)
      const mean = pts.reduce((a, [, v]) => a + (v ?? 0), 0) / pts.length
      expect(Math.abs(mean - node.errorRate)).toBeLessThan(0.002)
    }
    const stage = queryMetric(world, inc, { metric: 'error_rate', ops: [rs], operation: rs.name, filters: [], groupBy: 'DeployStage', from, to, step: MIN })
    const byStage = Object.fromEntries(stage.series.map((s) => [s.labels.DeployStage, s.points.reduce((a, [, v]) => a + (v ?? 0), 0) / s.points.length]))
    expect(byStage.canary).toBeGreaterThan(PANIC_SHARE)
    expect(byStage.full).toBeLessThan(0.01)
    const version = queryMetric(world, inc, { metric: 'request_rate', ops: [rs], operation: rs.name, filters: [], groupBy: 'Version', from, to, step: MIN })
    expect(version.series.map((s) => s.labels.Version).sort()).toEqual([PREVIOUS_VERSION, DEPLOY_VERSION].sort())
  })

  it('before the deploy no cluster stands out from the others for long (and all run the previous version)', () => {
    const topo = buildTopology(world, inc, { from: inc.deployA - HOUR, to: inc.deployA, groupBy: 'cluster' })
    for (const n of topo.nodes.filter((x) => x.service === PANIC_SERVICE)) expect(n.errorRate).toBeLessThan(0.01)
  })

  it('traces agree: ReserveStock spans panic in the canary clusters (DeployStage canary, v2.14.0), not elsewhere', () => {
    const { rows } = searchTraces(world, inc, { from, to, service: PANIC_SERVICE, operation: PANIC_OPERATION, tags: [], limit: 400 })
    const seen = { canary: [0, 0], other: [0, 0] }
    for (const r of rows.filter((x) => x.key.mode !== 'posttrace')) {
      const t = buildTrace(r.id, world, inc)!
      for (const s of t.spans) {
        if (s.service !== PANIC_SERVICE || s.name !== PANIC_OPERATION || s.kind !== 'server') continue
        const canary = isCanary(String(s.resource.Cluster))
        expect(s.resource.DeployStage).toBe(canary ? 'canary' : 'full')
        expect(s.resource.Version).toBe(canary ? DEPLOY_VERSION : PREVIOUS_VERSION)
        const c = seen[canary ? 'canary' : 'other']
        c[0]++
        if (s.events.some((e) => e.name === 'panic')) c[1]++
      }
    }
    expect(seen.canary[0]).toBeGreaterThan(30)
    expect(seen.other[0]).toBeGreaterThan(30)
    // head-sampled traces are an unbiased sample of requests: the panic share per cluster kind
    expect(Math.abs(seen.canary[1] / seen.canary[0] - PANIC_SHARE)).toBeLessThan(0.15)
    expect(seen.other[1]).toBe(0)
  })

  it('clusters and DCs differ in their everyday failure rates too', () => {
    const topo = buildTopology(world, inc, { from: NOW - 3 * HOUR, to: NOW - 2 * HOUR, groupBy: 'cluster' })
    const rates = topo.nodes.filter((n) => n.service === 'payment-service').map((n) => n.errorRate)
    expect(Math.max(...rates) / Math.min(...rates)).toBeGreaterThan(1.5)
  })
})
