// @vitest-environment node
import { whatIf } from '../../../src/domain/topology/what-if'
import { buildTopology } from '../topology'
import { entryRate, SLOT_MS } from '../traffic'
import { HOUR, NOW, pinnedWorld } from './fixtures'

/**
 * "api-gateway × 2" against the world's definition: every request of an api-gateway entry adds
 * entryMult calls of each operation downstream (first attempts; the few retries add well under
 * 1 %), averaged over the window's slots.
 */
describe('capacity what-if against the synthetic world', () => {
  const { world, inc } = pinnedWorld()
  const from = NOW - 3 * HOUR
  const to = NOW - 2 * HOUR
  const gw = world.serviceByName.get('api-gateway')!
  const extraOf = (service: string, dcShare = 1): number => {
    const svc = world.serviceByName.get(service)!
    let calls = 0
    let slots = 0
    for (let t = from; t < to; t += SLOT_MS) {
      slots++
      world.entries.forEach((e, k) => {
        if (!gw.ops.includes(e)) return
        const r = entryRate(world.ops[e], Math.floor(t / SLOT_MS))
        for (const i of svc.ops) calls += r * world.entryMult[k][i]
      })
    }
    return (calls / slots) * dcShare
  }
  const ops = buildTopology(world, inc, { from, to, groupBy: 'method' })

  it('grouped by service, every service reached is within 2 % of the truth', () => {
    const shown = buildTopology(world, inc, { from, to, groupBy: 'service' })
    const r = whatIf({ shown, ops, groupBy: 'service', entryId: 'api-gateway', factor: 2 })
    expect(r.level).toBe('operation')
    expect(r.converged).toBe(true)
    let checked = 0
    for (const n of shown.nodes) {
      const truth = n.rps + extraOf(n.service)
      const got = r.nodes.get(n.id)?.expectedRps ?? n.rps
      expect(Math.abs(got - truth) / truth, n.id).toBeLessThan(0.02)
      if (got > n.rps * 1.05) checked++
    }
    expect(checked).toBeGreaterThan(20)
  })

  it('grouped by DC, a DC entry grows its own DC only, within 2 % of the truth', () => {
    const shown = buildTopology(world, inc, { from, to, groupBy: 'dc' })
    const r = whatIf({ shown, ops, groupBy: 'dc', entryId: 'api-gateway@dc-east', factor: 2 })
    let checked = 0
    for (const n of shown.nodes) {
      const svc = world.serviceByName.get(n.service)!
      const east = n.dc === 'dc-east' ? (svc.dcs.length === 1 ? 1 : 0.45) : 0
      const truth = n.rps + extraOf(n.service, east)
      const got = r.nodes.get(n.id)?.expectedRps ?? n.rps
      expect(Math.abs(got - truth) / truth, n.id).toBeLessThan(0.02)
      if (got > n.rps * 1.05) checked++
    }
    expect(checked).toBeGreaterThan(20)
  })

  it('declares a capacity for every service, so none falls back to the observed peak', () => {
    const shown = buildTopology(world, inc, { from, to, groupBy: 'cluster' })
    const r = whatIf({ shown, ops, groupBy: 'cluster', entryId: 'api-gateway@east-prod-1', factor: 3 })
    expect(r.sources.peak).toBe(0)
    expect(r.sources.declared).toBeGreaterThan(10)
  })
})
