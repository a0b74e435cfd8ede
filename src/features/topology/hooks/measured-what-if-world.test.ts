/**
 * The topology's capacity what-if on measured call ratios, against the synthetic world's own
 * figures: for "api-gateway × 3", the extra calls/s at every service it reaches must be the
 * world's (each api-gateway operation's rate × 2 × the calls of that service's operations per
 * request of that entry, from the world's compiled catalogue `entryMult`), within the estimate's
 * stated uncertainty.
 */
import { measureEntry } from '../../../api/listing/measure-entry'
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { measuredExtra } from '../../../domain/paths/measured-ratios'
import { entryOperations, whatIf } from '../../../domain/topology/what-if'
import { pinNow } from '../../../lib/clock'
import { getWorld } from '../../../../mocks/synthetic/world'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const HOUR = 3_600_000

describe('topology what-if on measured call ratios, against the synthetic world', () => {
  beforeAll(() => pinNow(NOW))

  it('api-gateway × 3: the extra load at every service it reaches is the world\'s, within the stated uncertainty', async () => {
    const source = createConsoleApiSource()
    const window = { from: NOW - 3 * HOUR, to: NOW - 2 * HOUR }
    const shown = await source.getTopology({ ...window, groupBy: 'service' })
    const ops = await source.getTopology({ ...window, groupBy: 'method' })
    const entryId = shown.nodes.find((n) => n.service === 'api-gateway' && n.method === null)?.id as string
    const operations = entryOperations(shown, ops, entryId)
    expect(operations.length).toBeGreaterThanOrEqual(2)
    const parts = []
    for (const o of operations) {
      const entry = { service: 'api-gateway', operation: o.operation }
      const m = await measureEntry({ search: (q) => source.searchTraces({ ...q, ...entry }), getTrace: (id) => source.getTrace(id) }, entry, window, 300)
      if (m.analysed > 0) parts.push({ rps: o.rps, ratios: m.ratios, operation: o.operation })
    }
    const factor = 3
    const extra = measuredExtra(parts, factor)

    // the truth: every measured operation's rate × (factor − 1) × the world's calls per request, per service
    const world = getWorld()
    const truth = new Map<string, number>()
    for (const p of parts) {
      const k = [...world.entries.entries()].find(([, e]) => world.ops[e]?.serviceName === 'api-gateway' && world.ops[e]?.name === p.operation)?.[0]
      expect(k, p.operation).toBeDefined()
      const e = world.entries[k as number] as number
      world.ops.forEach((o, j) => {
        const calls = j === e ? 1 : (world.entryMult[k as number]?.[j] ?? 0)
        if (calls > 0) truth.set(o.serviceName, (truth.get(o.serviceName) ?? 0) + (factor - 1) * p.rps * calls)
      })
    }
    let checked = 0
    const total = [...truth.values()].reduce((a, b) => a + b, 0)
    for (const [svc, t] of truth) {
      if (t < 0.002 * total) continue
      const est = extra.services.get(svc) ?? { value: 0, se: 0, n: 0 }
      expect(Math.abs(est.value - t), `${svc}: ${est.value} vs ${t}`).toBeLessThan(3.5 * est.se + 0.01 * t + 1e-9)
      checked++
    }
    expect(checked).toBeGreaterThan(15)
    // no service the world never sends api-gateway's traffic to
    for (const svc of extra.services.keys()) expect(truth.has(svc), svc).toBe(true)

    // and the topology's what-if adds exactly that to each service's current rate
    const r = whatIf({ shown, ops, groupBy: 'service', entryId, factor, measured: extra })
    expect(r.level).toBe('measured')
    const mysql = shown.nodes.find((n) => n.service === 'mysql-orders' && n.method === null)
    expect(mysql).toBeDefined()
    expect(r.nodes.get(mysql?.id as string)?.expectedRps).toBeCloseTo((mysql?.rps ?? 0) + (extra.services.get('mysql-orders')?.value ?? NaN), 6)
  }, 600_000)
})
