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
  it('name the series span that matched, with its own duration against the percentile', () => {
    const drill = {
      query: { service: 'mysql-orders', operation: 'INSERT orders', from: 0, to: 1, limit: 50, span: { minDuration: 9_000, tags: [{ key: 'DC', value: 'dc-east' }] } },
      mode: 'slowest' as const, conditions: [], threshold: 9_000, quantileLabel: 'p99',
    }
    const t = { ...summary('t1', 10), match: { spanId: 's7', service: 'order-service', operation: 'INSERT orders', startTime: 10_000_500, duration: 12_000, status: 'ok' as const, count: 2 } }
    const [row] = drillRows([t], drill, { duration: (us) => `${us / 1000} ms` })
    expect(row?.spanId).toBe('s7')
    expect(row?.why).toEqual(['INSERT orders (called by order-service) took 12 ms ≥ p99 9 ms', '2 such spans in the trace, the slowest named', 'DC=dc-east'])
  })

  it('a failed-span selection names the failed span of the series first, then every service the trace failed in', () => {
    const drill = { query: { service: 'stock-service', from: 0, to: 1, limit: 50, span: { status: 'error' as const } }, mode: 'failed' as const, conditions: [], threshold: null, quantileLabel: null }
    const t = { ...summary('t1', 10, 2), match: { spanId: 'r1', service: 'stock-service', operation: 'ReserveStock', startTime: 1, duration: 5, status: 'error' as const, count: 1 } }
    const [row] = drillRows([t], drill, { duration: (us) => `${us} µs` })
    expect(row?.status).toBe('error')
    expect(row?.entry).toBe('api-gateway POST /api/checkout')
    expect(row?.why).toEqual(['stock-service ReserveStock failed', 'failed spans in api-gateway, stock-service'])
    // however many services failed, all are named (one of them is where the error started)
    const many = { ...t, services: Array.from({ length: 14 }, (_, i) => ({ name: `svc-${i}`, spanCount: 3, errorCount: i === 13 ? 2 : 1 })) }
    const [wide] = drillRows([many], drill, { duration: (us) => `${us} µs` })
    expect(wide?.why[1]).toBe(`failed spans in ${Array.from({ length: 13 }, (_, i) => `svc-${i}`).join(', ')}, svc-13 (2)`)
  })

  it('say so when the source did not name the matching span (the trace then opens at its start)', () => {
    const drill = { query: { service: 'api-gateway', from: 0, to: 1, limit: 50, span: {} }, mode: 'sample' as const, conditions: [], threshold: null, quantileLabel: null }
    const [row] = drillRows([summary('t1', 10)], drill, { duration: (us) => `${us} µs` })
    expect(row?.spanId).toBeNull()
    expect(row?.why).toEqual(['the source did not say which span matched'])
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
