// @vitest-environment node
import { CANARY_CLUSTERS, DEPLOY_VERSION, PANIC_OPERATION, PANIC_SERVICE, PANIC_SHARE, PREVIOUS_VERSION } from '../incidents'
import { buildTopology } from '../topology'
import { entryRate, slotOf } from '../traffic'
import { MIN, NOW, pinnedWorld } from './fixtures'

const isCanary = (cluster: string | null): boolean => (CANARY_CLUSTERS as readonly string[]).includes(cluster ?? '')

describe('grouped by version: the canary deploy of incident A beside the version it replaces', () => {
  const { world, inc } = pinnedWorld()
  // the default half hour: the deploy lands 20 minutes before its end
  const from = NOW - 30 * MIN
  const to = NOW
  const topo = buildTopology(world, inc, { from, to, groupBy: 'version' })
  const rs = world.opByKey.get(`${PANIC_SERVICE}::${PANIC_OPERATION}`)!
  const svc = world.serviceByName.get(PANIC_SERVICE)!
  const slot = slotOf(NOW - 5 * MIN)
  const callsOf = (op: number): number => world.entries.reduce((a, e, i) => a + entryRate(world.ops[e], slot) * world.entryMult[i][op], 0)
  const rsShare = callsOf(rs.idx) / svc.ops.reduce((a, i) => a + callsOf(i), 0)
  const node = (v: string) => topo.nodes.find((n) => n.id === `${PANIC_SERVICE}@${v}`)

  it('splits stock-service into its two versions, and no service that ran one', () => {
    expect(topo.nodes.filter((n) => n.service === PANIC_SERVICE).map((n) => n.version).sort()).toEqual([PREVIOUS_VERSION, DEPLOY_VERSION].sort())
    expect(node(DEPLOY_VERSION)?.label).toBe(`${PANIC_SERVICE} ${DEPLOY_VERSION}`)
    const others = topo.nodes.filter((n) => n.service !== PANIC_SERVICE)
    expect(new Set(others.map((n) => n.service)).size).toBe(others.length)
    for (const n of others) expect(n.label).toBe(n.service)
  })

  it('the new version fails on ReserveStock’s share × 75 % (its panics) and is critical; the previous one stays healthy though the service’s alert fires', () => {
    const fresh = node(DEPLOY_VERSION)!
    const prev = node(PREVIOUS_VERSION)!
    expect(Math.abs(fresh.errorRate - rsShare * PANIC_SHARE)).toBeLessThan(0.01)
    expect(fresh.health).toBe('critical')
    expect(prev.errorRate).toBeLessThan(0.01)
    expect(prev.health).not.toBe('critical')
    expect(prev.alerts).toBeGreaterThan(0)
  })

  it('the new version’s rate is the canary clusters’ rate over the minutes it ran, as grouping by cluster gives it', () => {
    // up to dc-west's silence, so that every cluster answered all the time
    const before = buildTopology(world, inc, { from, to: inc.outageFrom, groupBy: 'version' }).nodes.find((n) => n.id === `${PANIC_SERVICE}@${DEPLOY_VERSION}`)!
    const clusters = buildTopology(world, inc, { from: inc.deployA, to: inc.outageFrom, groupBy: 'cluster' }).nodes.filter((n) => n.service === PANIC_SERVICE && isCanary(n.cluster))
    const canaryRps = clusters.reduce((a, n) => a + n.rps, 0)
    expect(Math.abs(before.rps / canaryRps - 1)).toBeLessThan(0.01)
  })

  it('calls are split too: every caller of stock-service calls both versions; ReserveStock’s panics are on the calls to the new one', () => {
    const whole = buildTopology(world, inc, { from, to, groupBy: 'service' })
    const into = (t: typeof topo, id: (v: string) => boolean) => t.edges.filter((e) => id(e.target))
    const byService = into(whole, (t) => t === PANIC_SERVICE)
    expect(byService.length).toBeGreaterThan(0)
    for (const e of byService) {
      const split = topo.edges.filter((x) => x.source.startsWith(`${e.source}@`) && x.target.startsWith(`${PANIC_SERVICE}@`))
      expect(split.map((x) => x.target).sort()).toEqual([`${PANIC_SERVICE}@${DEPLOY_VERSION}`, `${PANIC_SERVICE}@${PREVIOUS_VERSION}`].sort())
      expect(split.find((x) => x.target.endsWith(PREVIOUS_VERSION))!.errorRate).toBeLessThan(0.05)
    }
    const intoNew = topo.edges.filter((x) => x.target === `${PANIC_SERVICE}@${DEPLOY_VERSION}`)
    expect(Math.max(...intoNew.map((x) => x.errorRate))).toBeGreaterThan(0.05)
  })
})
