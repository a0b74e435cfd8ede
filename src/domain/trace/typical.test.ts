import { describe, expect, it } from 'vitest'
import type { TraceSummary } from '../model'
import { pickTypical } from './typical'

const t = (id: string, duration: number, o: Partial<TraceSummary> = {}): TraceSummary => ({
  traceId: id, rootService: 'gw', rootOperation: 'POST /checkout', startTime: 1_000 + Number(id.replace(/\D/g, '') || 0), duration, spanCount: 3, errorCount: 0, services: [], sampling: { mode: 'probability', rate: 0.01 }, ...o,
})
const entry = { service: 'gw', operation: 'POST /checkout' }

describe('pickTypical', () => {
  it('picks the successful trace of the same entry whose duration is nearest the median, and says from how many', () => {
    const traces = [t('a1', 10), t('a2', 40), t('a3', 52), t('a4', 55), t('a5', 900), t('x', 50, { errorCount: 2 }), t('y', 51, { rootOperation: 'GET /cart' }), t('z', 53, { rootService: 'web' })]
    const p = pickTypical(traces, entry, 'failing')
    expect(p?.candidates).toBe(5)
    expect(p?.median).toBe(52)
    expect(p?.pick.traceId).toBe('a3')
  })

  it('takes the mean of the two middle durations for an even count, and breaks ties by the earlier start', () => {
    const p = pickTypical([t('a1', 10), t('a2', 20), t('a3', 30), t('a4', 40)], entry, 'f')
    expect(p?.median).toBe(25)
    expect(p?.pick.traceId).toBe('a2')
  })

  it('never picks the trace being compared, a trace without its root, or a failed one; null when none is left', () => {
    expect(pickTypical([t('self', 50), t('r', 50, { rootCaptured: false }), t('e', 50, { errorCount: 1 })], entry, 'self')).toBeNull()
    expect(pickTypical([], entry, 'self')).toBeNull()
  })

  it('counts a trace listed twice once', () => {
    const p = pickTypical([t('a1', 10), t('a1', 10), t('a2', 30)], entry, 'f')
    expect(p?.candidates).toBe(2)
  })
})
