import { describe, expect, it } from 'vitest'
import { drillRows, spreadSample } from './trace-rows'
import type { TraceSummary } from '../model'

const summary = (id: string, startMs: number, errors = 0): TraceSummary => ({
  traceId: id, rootService: 'api-gateway', rootOperation: 'POST /api/checkout', startTime: startMs * 1000, duration: 1_200_000,
  spanCount: 5, errorCount: errors,
  services: [{ name: 'api-gateway', spanCount: 1, errorCount: errors ? 1 : 0 }, { name: 'stock-service', spanCount: 1, errorCount: errors ? 1 : 0 }],
  sampling: { mode: 'posttrace', rate: 1 },
})

describe('drill rows', () => {
  it('say why each trace matches: where it failed, the threshold, the series', () => {
    const drill = {
      query: { service: 'api-gateway', from: 0, to: 1, limit: 50, status: 'error' as const, minDuration: 900_000, tags: [{ key: 'DC', value: 'dc-east' }] },
      conditions: [], threshold: 900_000,
    }
    const [row] = drillRows([summary('t1', 10, 2)], drill, { duration: (us) => `${us / 1000} ms` })
    expect(row?.status).toBe('error')
    expect(row?.entry).toBe('api-gateway POST /api/checkout')
    expect(row?.why).toEqual(['failed in api-gateway, stock-service', '1200 ms ≥ 900 ms', 'calls api-gateway', 'DC=dc-east'])
  })

  it('a sample spreads across the whole window instead of its first seconds', () => {
    const crowded = Array.from({ length: 50 }, (_, i) => summary(`early${i}`, i))
    const late = [summary('mid', 500), summary('late', 950)]
    const picked = spreadSample([...crowded, ...late], 4, { from: 0, to: 1000 })
    expect(picked).toHaveLength(4)
    expect(picked.map((t) => t.traceId)).toContain('mid')
    expect(picked.map((t) => t.traceId)).toContain('late')
    expect(picked.map((t) => t.startTime)).toEqual([...picked.map((t) => t.startTime)].sort((a, b) => a - b))
  })
})
