/**
 * The /errors volumes against the synthetic world's ground truth, computed independently of the
 * world's traffic code (mocks/synthetic/test/error-truth.ts).
 */
import { createConsoleApiSource } from '../../../api/sources/console-api'
import { allocateSample, relativeMargin } from '../../../domain/error-chain/census'
import { designOf, expandEstimate } from '../../../domain/error-chain/estimate'
import { pinNow } from '../../../lib/clock'
import { currentIncidents, PANIC_SERVICE } from '../../../../mocks/synthetic/incidents'
import { errorTracesTruth as truth } from '../../../../mocks/synthetic/test/error-truth'
import { getWorld } from '../../../../mocks/synthetic/world'
import { listWindow } from './list-window'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

async function volumes(from: number, to: number) {
  const source = createConsoleApiSource()
  const listings = await listWindow((q) => source.searchTraces({ ...q, status: 'error' }), { from, to })
  return { listings, design: designOf(listings) }
}

describe('error volumes over the whole window', () => {
  beforeAll(() => pinNow(NOW))
  const world = () => getWorld()

  it.each([
    ['15 min', 15 * MIN, [NOW, NOW - DAY]],
    ['1 h', HOUR, [NOW, NOW - DAY]],
    ['2 h', 2 * HOUR, [NOW, NOW - DAY]],
    ['6 h', 6 * HOUR, [NOW, NOW - DAY]],
    ['24 h', DAY, [NOW]],
  ])('%s: the window’s error traces within a tenth of the truth, the truth inside the stated interval', async (_, len, ends) => {
    const inc = currentIncidents()
    for (const end of ends) {
      const { design } = await volumes(end - len, end)
      const t = truth(world(), inc, end - len, end)
      expect(Math.abs(design.total.value / t - 1)).toBeLessThan(0.1)
      expect(Math.abs(design.total.value - t)).toBeLessThan(2.6 * design.total.se)
      // every stored error trace of the window was listed, so the answer rests on all of them
      expect(design.listedShare).toBe(1)
      expect(design.total.n).toBe(design.listed)
    }
  }, 60_000)

  it('2 h against yesterday: the trend within 10 % of the true trend', async () => {
    const inc = currentIncidents()
    const now = await volumes(NOW - 2 * HOUR, NOW)
    const yday = await volumes(NOW - DAY - 2 * HOUR, NOW - DAY)
    const trueRatio = truth(world(), inc, NOW - 2 * HOUR, NOW) / truth(world(), inc, NOW - DAY - 2 * HOUR, NOW - DAY)
    expect(trueRatio).toBeGreaterThan(1.1)
    expect(Math.abs(now.design.total.value / yday.design.total.value / trueRatio - 1)).toBeLessThan(0.1)
  }, 60_000)

  it('a chain’s volume from a 300-trace sample of 6 h agrees, within its interval, with the count over every stored trace', async () => {
    const inc = currentIncidents()
    const { listings, design } = await volumes(NOW - 6 * HOUR, NOW)
    const picks = allocateSample(listings, 300)
    expect(picks).toHaveLength(300)
    // the sample covers the whole window: every stratum has traces in it
    expect(new Set(picks.map((p) => p.stratum)).size).toBe(listings.length)
    const source = createConsoleApiSource()
    const panicked = async (traceId: string) => (await source.getTrace(traceId)).spans.some((s) => s.service === PANIC_SERVICE && s.events.some((e) => e.name === 'panic'))
    const sample = await Promise.all(picks.map(async (p) => ({ stratum: p.stratum, rate: p.trace.rate, panic: await panicked(p.trace.traceId) })))
    const est = expandEstimate(sample, design, (d) => d.panic)
    // the census: every stored error trace since the deploy (the only time panics happen), each 1/p
    let census = 0
    for (const l of listings) for (const t of l.traces) if (t.startTime / 1000 >= inc.deployA && (await panicked(t.traceId))) census += 1 / t.rate
    expect(census).toBeGreaterThan(0)
    expect(est.n).toBeGreaterThan(5)
    expect(Math.abs(est.value - census)).toBeLessThan(2.6 * est.se)
    expect(relativeMargin(est)).toBeLessThan(0.6)
  }, 180_000)
})
