/**
 * Traffic sources against the synthetic world's own figures: the calls of a service's operations
 * per request of each entry (the compiled catalogue, `entryMult`) times the entry's rate
 * (`entryRate` slot by slot), computed independently of the estimator; and the metrics' exact rate,
 * which the world computes from its traffic model, never from sampled traces.
 */
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { allocateSample } from '../../../domain/error-chain/census'
import { designOf } from '../../../domain/error-chain/estimate'
import { aggregateSources, digestSources } from '../../../domain/paths/sources'
import type { SourcesAggregate } from '../../../domain/paths/sources'
import { checkRate, meanRate, meanRateBy } from '../../../domain/paths/traffic'
import { pinNow } from '../../../lib/clock'
import { entryRate, SLOT_MS } from '../../../../mocks/synthetic/traffic'
import { getWorld } from '../../../../mocks/synthetic/world'
import { listEntry } from '../../../api/listing/list-entry'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const HOUR = 3_600_000
const FROM = NOW - 3 * HOUR
const TO = NOW - 2 * HOUR

async function sources(service: string, size = 1500): Promise<SourcesAggregate> {
  const source = createConsoleApiSource()
  const listed = await listEntry((q) => source.searchTraces({ ...q, service }), { from: FROM, to: TO })
  const picks = allocateSample(listed.listings, size)
  const digests = await Promise.all(
    picks.map(async (p) => {
      const d = digestSources(await source.getTrace(p.trace.traceId), { service })
      d.stratum = p.stratum
      return d
    }),
  )
  return aggregateSources(digests, designOf(listed.listings), { from: FROM, to: TO }, { service })
}

/** calls/s of `service`'s operations per entry over the window, from the catalogue and the entries' rates */
function truth(service: string): Map<string, number> {
  const world = getWorld()
  const out = new Map<string, number>()
  world.entries.forEach((e, k) => {
    const op = world.ops[e]
    if (!op) return
    let rate = 0
    let slots = 0
    for (let t = FROM; t < TO; t += SLOT_MS) {
      rate += entryRate(op, Math.floor(t / SLOT_MS))
      slots++
    }
    rate /= slots
    let mult = 0
    world.ops.forEach((o, j) => {
      if (o.serviceName === service) mult += j === e ? 1 : (world.entryMult[k]?.[j] ?? 0)
    })
    if (mult > 0) out.set(`${op.serviceName}::${op.name}`, rate * mult)
  })
  return out
}

describe('traffic sources against the synthetic world', () => {
  beforeAll(() => pinNow(NOW))

  it.each(['mysql-orders', 'product-service'])('1 h: the entries %s’s load comes from, with their rates, match the world', async (service) => {
    const s = await sources(service)
    const want = truth(service)
    const wantTotal = [...want.values()].reduce((a, b) => a + b, 0)
    const all = s.all.rps
    expect(all).not.toBeNull()
    if (!all) return
    // the service's whole rate: within its stated uncertainty, and within 10 % (retries add < 1 %)
    expect(Math.abs(all.value - wantTotal), `${service} rate`).toBeLessThan(3.5 * all.se + 0.01 * wantTotal)
    expect(Math.abs(all.value / wantTotal - 1)).toBeLessThan(0.1)
    // every entry the world sends there is found, and its rate is within its uncertainty
    let close = 0
    for (const [entry, rate] of want) {
      const row = s.entries.find((e) => e.key === entry)
      const est = row?.rps ?? { value: 0, se: 0, n: 0 }
      expect(Math.abs(est.value - rate), `${service} ← ${entry}`).toBeLessThan(3.5 * est.se + 0.01 * rate + 1e-9)
      if (row && (1.96 * est.se) / rate <= 0.1) {
        expect(Math.abs(est.value / rate - 1), `${service} ← ${entry} within 10 %`).toBeLessThan(0.1)
        close++
      }
    }
    expect(close).toBeGreaterThanOrEqual(1)
    // nothing attributed to an entry the world never sends there
    for (const e of s.entries) expect(want.has(e.key), e.key).toBe(true)
    // shares add up to the whole
    expect(s.entries.reduce((a, e) => a + e.share.value, 0)).toBeCloseTo(1)
    // beside the metrics' exact rate: within the estimate's uncertainty
    const exact = meanRate(await createConsoleApiSource().queryMetrics({ from: FROM, to: TO, metric: 'request_rate', service }))
    expect(exact).not.toBeNull()
    const check = checkRate(all, exact as number)
    expect(check.z, `${service}: estimate ${all.value} ± ${all.se} vs metrics ${exact}`).toBeLessThan(3.5)
    // per edge (calling service → service): beside the metrics grouped by caller
    const byCaller = meanRateBy(await createConsoleApiSource().queryMetrics({ from: FROM, to: TO, metric: 'request_rate', service, groupBy: 'FromService' }), 'FromService')
    let edges = 0
    for (const c of s.callers) {
      const exactEdge = byCaller.get(c.key === '' ? 'internet' : c.key)
      expect(exactEdge, `metrics of ${c.key} → ${service}`).toBeDefined()
      if (!c.rps || exactEdge === undefined) continue
      expect(checkRate(c.rps, exactEdge).z, `${c.key} → ${service}: ${c.rps.value} ± ${c.rps.se} vs ${exactEdge}`).toBeLessThan(3.5)
      edges++
    }
    expect(edges).toBeGreaterThanOrEqual(2)
  }, 600_000)
})
