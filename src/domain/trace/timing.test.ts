import { describe, expect, it } from 'vitest'
import { buildTraceTree } from './tree'
import { criticalPath, selfTimeOf, selfTimes } from './timing'
import { traceStatistics, sortStatistics } from './stats'
import { span, trace } from './fixtures.test-util'

//  a [0..100]
//    b [10..40]   c [30..90]  (overlap 30..40)
//    d [50..60] under c
const t = buildTraceTree(
  trace([
    span('a', null, 0, 100, { service: 'gw' }),
    span('b', 'a', 10, 30, { service: 'api' }),
    span('c', 'a', 30, 60, { service: 'api', name: 'op-b', status: 'error' }),
    span('d', 'c', 50, 10, { service: 'db' }),
  ]),
)
const idx = (k: string) => t.byKey.get(k) as number

describe('selfTimes', () => {
  it('subtracts the union of children, counting overlaps once', () => {
    const s = selfTimes(t)
    expect(s[idx('a')]).toBe(100 - 80)
    expect(s[idx('b')]).toBe(30)
    expect(s[idx('c')]).toBe(50)
    expect(s[idx('d')]).toBe(10)
    expect(selfTimeOf(t, idx("a"))).toBe(20)
  })
})

describe('criticalPath', () => {
  it('follows the last-finishing child back from the end', () => {
    const cp = criticalPath(t)
    expect(cp[idx('a')]).toBe(1)
    expect(cp[idx('c')]).toBe(1)
    expect(cp[idx('d')]).toBe(1)
    expect(cp[idx('b')]).toBe(1)
  })

  it('leaves out a child that was entirely overtaken by a later sibling', () => {
    const t2 = buildTraceTree(trace([span('a', null, 0, 100), span('x', 'a', 10, 10), span('y', 'a', 5, 90), span('z', 'a', 96, 2)]))
    const cp = criticalPath(t2)
    expect(cp[t2.byKey.get('z') as number]).toBe(1)
    expect(cp[t2.byKey.get('y') as number]).toBe(1)
    expect(cp[t2.byKey.get('x') as number]).toBe(0)
  })
})

describe('traceStatistics', () => {
  it('sums count, errors, total and self time per service and per operation', () => {
    const rows = traceStatistics(t, selfTimes(t), 'service')
    const api = rows.find((r) => r.service === 'api')
    expect(api).toMatchObject({ count: 2, errors: 1, total: 90, self: 80, max: 60 })
    const ops = traceStatistics(t, selfTimes(t), 'operation')
    expect(ops.filter((r) => r.service === 'api').map((r) => r.operation).sort()).toEqual(['op-b'])
    expect(ops.find((r) => r.operation === 'op-b')?.count).toBe(2)
  })

  it('sorts by any column, ties broken by name', () => {
    const rows = traceStatistics(t, selfTimes(t), 'service')
    expect(sortStatistics(rows, 'total', true).map((r) => r.service)).toEqual(['gw', 'api', 'db'])
    expect(sortStatistics(rows, 'name', false).map((r) => r.service)).toEqual(['api', 'db', 'gw'])
    expect(sortStatistics(rows, 'errors', true)[0].service).toBe('api')
  })
})
