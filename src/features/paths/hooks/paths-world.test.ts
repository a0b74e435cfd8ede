/**
 * Path analysis against the synthetic world's own figures: calls of every operation per request of
 * each entry (the world's compiled catalogue, `entryMult`, which the traffic and metrics are built
 * from) and the entry rates (`entryRate` slot by slot), computed independently of the estimator.
 */
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { allocateSample } from '../../../domain/error-chain/census'
import { designOf } from '../../../domain/error-chain/estimate'
import { aggregatePaths } from '../../../domain/paths/aggregate'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { comparePaths } from '../../../domain/paths/compare'
import { digestPathTrace } from '../../../domain/paths/digest'
import type { StratumListing } from '../../../domain/error-chain/census'
import { pinNow } from '../../../lib/clock'
import { currentIncidents, SPIKE_SERVICE } from '../../../../mocks/synthetic/incidents'
import { entryRate, SLOT_MS } from '../../../../mocks/synthetic/traffic'
import { getWorld } from '../../../../mocks/synthetic/world'
import { listedDurationQuantile, listEntry, splitListing } from '../../../api/listing/list-entry'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN

async function analyse(entry: { service: string; operation: string }, from: number, to: number, listingsOf?: (l: StratumListing[]) => StratumListing[], size = 1500): Promise<PathAggregate> {
  const source = createConsoleApiSource()
  const listed = await listEntry((q) => source.searchTraces({ ...q, ...entry }), { from, to })
  const listings = listingsOf ? listingsOf(listed.listings) : listed.listings
  const picks = allocateSample(listings, size)
  const digests = await Promise.all(
    picks.map(async (p) => {
      const d = digestPathTrace(await source.getTrace(p.trace.traceId), entry)
      d.stratum = p.stratum
      return d
    }),
  )
  return aggregatePaths(digests, designOf(listings), { from, to }, entry)
}

describe('path analysis against the synthetic world', () => {
  beforeAll(() => pinNow(NOW))

  it('1 h: call ratios and rates of every entry with more than 100 sampled traces within 10 % of the truth', async () => {
    const world = getWorld()
    const from = NOW - 3 * HOUR
    const to = NOW - 2 * HOUR
    let entriesChecked = 0
    let nodesChecked = 0
    let servicesChecked = 0
    for (const [k, e] of world.entries.entries()) {
      const op = world.ops[e]
      if (!op) continue
      const entry = { service: op.serviceName, operation: op.name }
      const a = await analyse(entry, from, to)
      if (a.used <= 100) continue
      entriesChecked++
      let rate = 0
      let slots = 0
      for (let t = from; t < to; t += SLOT_MS) {
        rate += entryRate(op, Math.floor(t / SLOT_MS))
        slots++
      }
      rate /= slots
      const rps = a.rps?.value ?? 0
      expect(Math.abs(rps / rate - 1), `${entry.operation} rate`).toBeLessThan(0.1)
      // per operation: its nodes summed over every place in the path
      const perOp = new Map<string, { value: number; var: number; rps: number }>()
      for (const n of a.nodes) {
        const key = `${n.service}::${n.operation}`
        const cur = perOp.get(key) ?? { value: 0, var: 0, rps: 0 }
        cur.value += n.callsPerEntry.value
        cur.var += n.callsPerEntry.se ** 2
        cur.rps += n.rps?.value ?? 0
        perOp.set(key, cur)
      }
      world.ops.forEach((o, j) => {
        const truth = world.entryMult[k]?.[j] ?? 0
        if (truth < 0.02 || j === e) return
        const est = perOp.get(o.key) ?? { value: 0, var: 0, rps: 0 }
        const se = Math.sqrt(est.var)
        // honest uncertainty: the truth inside the stated interval (3.5 se; first attempts only in the truth, retries add < 1 %)
        expect(Math.abs(est.value - truth), `${entry.operation} → ${o.key}`).toBeLessThan(3.5 * se + 0.01 * truth)
        if ((1.96 * se) / truth <= 0.1) {
          expect(Math.abs(est.value / truth - 1), `${entry.operation} → ${o.key} ratio`).toBeLessThan(0.1)
          expect(Math.abs(est.rps / (truth * rate) - 1), `${entry.operation} → ${o.key} rps`).toBeLessThan(0.1)
          nodesChecked++
        }
      })
      // calls arriving at each service on the entry's behalf (what the capacity what-if adds to): every place summed trace by trace
      const perService = new Map<string, number>()
      world.ops.forEach((o, j) => {
        if (j !== e) perService.set(o.serviceName, (perService.get(o.serviceName) ?? 0) + (world.entryMult[k]?.[j] ?? 0))
      })
      for (const [svc, truth] of perService) {
        if (truth < 0.02 || svc === op.serviceName) continue
        const est = a.arrivals.find((x) => x.service === svc && x.operation === null)?.callsPerEntry ?? { value: 0, se: 0, n: 0 }
        expect(Math.abs(est.value - truth), `${entry.operation} → ${svc} (arriving)`).toBeLessThan(3.5 * est.se + 0.01 * truth + 1e-9)
        servicesChecked++
      }
    }
    expect(servicesChecked).toBeGreaterThan(20)
    expect(entriesChecked).toBeGreaterThanOrEqual(4)
    expect(nodesChecked).toBeGreaterThan(40)
  }, 600_000)

  it('slow vs normal checkouts around the mysql-orders spike: mysql-orders contributes most to the difference', async () => {
    const inc = currentIncidents()
    const entry = { service: 'api-gateway', operation: 'POST /api/checkout' }
    const from = inc.spikeFrom - 4 * MIN
    const to = inc.spikeTo + 4 * MIN
    const source = createConsoleApiSource()
    const all = await listEntry((q) => source.searchTraces({ ...q, ...entry }), { from, to })
    const p95 = listedDurationQuantile(all.listings, 0.95) as number
    const slow = await analyse(entry, from, to, (l) => splitListing(l, p95, 'slow'))
    const normal = await analyse(entry, from, to, (l) => splitListing(l, p95, 'normal'))
    const c = comparePaths(slow, normal)
    expect(c.latencyDelta).toBeGreaterThan(0)
    expect(c.rows[0]?.a?.service ?? c.rows[0]?.b?.service).toBe(SPIKE_SERVICE)
  }, 300_000)
})
