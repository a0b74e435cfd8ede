// @vitest-environment node
import { errorInclusion, HEAD_RATE, POSTTRACE_CAPTURE } from '../sampling'
import { searchTraces } from '../search'
import { buildTrace } from '../trace'
import { HOUR, NOW, pinnedWorld } from './fixtures'

/** A trace records the rate its sampler ran at apart from its inclusion probability (docs/api.md, Sampling). */
describe('sampler rate and inclusion probability', () => {
  it('a failing head-sampled trace ran at the head rate and was kept with head + PostTrace', () => {
    const { world, inc } = pinnedWorld()
    const { rows } = searchTraces(world, inc, { from: NOW - HOUR, to: NOW, status: 'error', sampling: 'probability', tags: [], limit: 40 })
    expect(rows.length).toBeGreaterThan(5)
    for (const r of rows) {
      const s = buildTrace(r.id, world, inc)!.sampling
      expect(s.samplerRate).toBeGreaterThanOrEqual(HEAD_RATE * 0.997)
      // the id keeps rates to 2^(1/128): within 0.3 %
      expect(s.rate / errorInclusion(s.samplerRate!)).toBeCloseTo(1, 2)
      if (s.samplerRate! < 0.1) expect(s.rate).toBeGreaterThan(s.samplerRate! * 1.5)
    }
  })

  it('a PostTrace capture ran at the capture rate; a trace that did not fail was kept with its sampler’s rate', () => {
    const { world, inc } = pinnedWorld()
    const posts = searchTraces(world, inc, { from: NOW - HOUR, to: NOW, sampling: 'posttrace', tags: [], limit: 20 }).rows
    expect(posts.length).toBeGreaterThan(5)
    for (const r of posts) expect(buildTrace(r.id, world, inc)!.sampling.samplerRate).toBe(POSTTRACE_CAPTURE)
    const fine = searchTraces(world, inc, { from: NOW - HOUR, to: NOW, status: 'ok', sampling: 'probability', tags: [], limit: 20 }).rows
    expect(fine.length).toBeGreaterThan(5)
    for (const r of fine) {
      const s = buildTrace(r.id, world, inc)!.sampling
      if (r.key.forcedSlow) continue
      expect(s.rate).toBeCloseTo(s.samplerRate!, 6)
    }
  })
})
