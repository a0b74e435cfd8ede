/**
 * The console API's error volumes (/api/v1/errors/volumes, computed by the world from its traffic
 * model) against the world's ground truth computed independently of its traffic code
 * (error-truth.ts), and against the world's own traces read by the console's extraction rules.
 */
import { createConsoleApiSource } from '../../../src/api/sources/console-api'
import { TraceResponseFastSchema } from '../../../src/api/schemas/trace-fast'
import { extractErrorChains } from '../../../src/domain/error-chain/extract'
import { pinNow } from '../../../src/lib/clock'
import { currentIncidents } from '../incidents'
import { requestChainMasses, planOf } from '../error-volumes'
import { buildTrace } from '../trace'
import { encodeTraceId } from '../trace-id'
import { getWorld } from '../world'
import { errorTracesTruth, reserveStockTruth } from './error-truth'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const PANIC = /^stock-service:ReserveStock → order-service:CreateOrder → checkout-bff:PlaceOrder → (api|mobile)-gateway:/

describe('error volumes aggregated by the synthetic backend', () => {
  beforeAll(() => pinNow(NOW))
  const source = createConsoleApiSource()

  it.each([
    ['15 min', 15 * MIN],
    ['1 h', HOUR],
    ['6 h', 6 * HOUR],
    ['24 h', DAY],
  ])('%s: error traces, the panic chains and the trend against yesterday within 10 % of the truth', async (_, len) => {
    const world = getWorld()
    const inc = currentIncidents()
    const v = await source.getErrorVolumes!({ from: NOW - len, to: NOW })
    expect(v.basis.kind).toBe('model')
    const truth = errorTracesTruth(world, inc, NOW - len, NOW)
    const truthYesterday = errorTracesTruth(world, inc, NOW - DAY - len, NOW - DAY)
    expect(Math.abs((v.window.errorTraces ?? 0) / truth - 1)).toBeLessThan(0.1)
    expect(Math.abs((v.yesterday.errorTraces ?? 0) / truthYesterday - 1)).toBeLessThan(0.1)
    // "vs yesterday": the ratio of the two
    expect(Math.abs((v.window.errorTraces ?? 0) / (v.yesterday.errorTraces ?? 1) / (truth / truthYesterday) - 1)).toBeLessThan(0.1)
    // incident A: the chains from ReserveStock (both entries reached) against the catalogue's rule, now and yesterday
    const reserve = (w: typeof v.window) => w.chains.filter((c) => PANIC.test(c.signature)).reduce((a, c) => a + c.count, 0)
    const panic = reserve(v.window)
    expect(Math.abs(panic / reserveStockTruth(world, inc, NOW - len, NOW) - 1)).toBeLessThan(0.1)
    // yesterday only ReserveStock's usual failures, a few a minute: the model's per-minute noise
    // (±30 %, not in the independent truth) averages out over an hour, less so over 15 minutes
    expect(Math.abs(reserve(v.yesterday) / reserveStockTruth(world, inc, NOW - DAY - len, NOW - DAY) - 1)).toBeLessThan(len < HOUR ? 0.25 : 0.1)
    // per origin and per entry: the chains' volumes, each counted once
    const stock = v.window.origins.find((o) => o.service === 'stock-service')?.count ?? 0
    expect(stock).toBeGreaterThanOrEqual(panic * 0.999)
    const sumChains = v.window.chains.filter((c) => c.stop === 'entry').reduce((a, c) => a + c.count, 0)
    expect(v.window.entries.reduce((a, e) => a + e.count, 0)).toBeCloseTo(sumChains, -1)
  }, 60_000)

  it('a service filter keeps the chains through it; a DC filter the requests that entered there', async () => {
    const all = await source.getErrorVolumes!({ from: NOW - HOUR, to: NOW })
    const through = await source.getErrorVolumes!({ from: NOW - HOUR, to: NOW, service: 'order-service' })
    expect(through.window.errorTraces).toBeNull()
    expect(through.window.chains.length).toBeGreaterThan(0)
    expect(through.window.chains.every((c) => c.hops.some((h) => h.service === 'order-service'))).toBe(true)
    const east = await source.getErrorVolumes!({ from: NOW - HOUR, to: NOW, dc: 'dc-east' })
    const share = (east.window.errorTraces ?? 0) / (all.window.errorTraces ?? 1)
    expect(share).toBeGreaterThan(0.4)
    expect(share).toBeLessThan(0.6)
    // the hour holds the dc-west outage: said so, unless only another DC is asked for
    expect(all.partial?.missingDcs).toEqual(['dc-west'])
    expect(east.partial).toBeNull()
  }, 60_000)

  it('the expected chains per request agree with the world’s own requests read by the console’s extraction rules', async () => {
    const world = getWorld()
    const inc = currentIncidents()
    const plan = planOf(world)
    const at = NOW - 3 * MIN + 5_000
    const draws = 1200
    for (const [entryKey, dc] of [['api-gateway::POST /api/checkout', 0], ['mobile-gateway::POST /m/checkout', 2]] as const) {
      const ei = world.entries.indexOf(world.opByKey.get(entryKey)?.idx ?? -1)
      const expected = requestChainMasses(world, inc, at, dc, ei)
      const seen = new Map<string, number>()
      for (let i = 0; i < draws; i++) {
        const id = encodeTraceId({ kind: 1, startMs: at, entry: ei, mode: 'probability', dc, rateCode: 0, seed: 1000 + i, forcedError: false, forcedSlow: false, spanCount: 0 })
        // the world's own trace of that request, read as the console reads it
        for (const c of extractErrorChains(TraceResponseFastSchema.parse({ trace: buildTrace(id) }).trace).chains) seen.set(c.signature, (seen.get(c.signature) ?? 0) + 1)
      }
      let checked = 0
      plan.chains.forEach((shape, k) => {
        const exp = expected[k] * draws
        if (exp < 20) return
        checked += 1
        // counts of independent requests: within four standard deviations
        const n = seen.get(shape.signature) ?? 0
        expect({ chain: shape.signature, within: Math.abs(n - exp) < 4 * Math.sqrt(exp) }).toEqual({ chain: shape.signature, within: true })
      })
      // and nothing frequent in the requests that the model does not expect
      for (const [sig, n] of seen) if (n >= 20) expect(plan.chains.some((s, k) => s.signature === sig && expected[k] * draws > n / 3)).toBe(true)
      expect(checked).toBeGreaterThan(0)
    }
  }, 180_000)
})
