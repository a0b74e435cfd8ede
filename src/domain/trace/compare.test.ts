import { describe, expect, it } from 'vitest'
import { span, trace } from './fixtures.test-util'
import { compareTraces, filterTree, rankRows } from './compare'
import { buildFlameGraph } from './flame'
import { traceFacts } from './trace-facts'
import { buildTraceTree } from './tree'
import type { Trace } from '../model'

const pathsOf = (t: Trace) => {
  const tree = buildTraceTree(t)
  return buildFlameGraph(tree, traceFacts(tree), 'path')
}
const label = (key: string) => key.split('\n').map((p) => p.replace('\u0001', ' ')).join(' > ')

// A: the typical request. gw → order → stock Check ×2 → pay Charge
const typical = trace([
  span('r', null, 0, 500, { service: 'gw', name: 'GET /order' }),
  span('o', 'r', 10, 480, { service: 'order', name: 'Create' }),
  span('s1', 'o', 20, 50, { service: 'stock', name: 'Check' }),
  span('s2', 'o', 80, 50, { service: 'stock', name: 'Check' }),
  span('p', 'o', 200, 200, { service: 'pay', name: 'Charge' }),
])
// B: a failing one, other ids. stock Check ×3, pay Charge fails after a slow fraud check
const failing = trace([
  span('R', null, 1000, 900, { service: 'gw', name: 'GET /order', status: 'error' }),
  span('O', 'R', 1010, 880, { service: 'order', name: 'Create', status: 'error' }),
  span('S1', 'O', 1020, 50, { service: 'stock', name: 'Check' }),
  span('S2', 'O', 1080, 50, { service: 'stock', name: 'Check' }),
  span('S3', 'O', 1140, 50, { service: 'stock', name: 'Check' }),
  span('P', 'O', 1200, 680, { service: 'pay', name: 'Charge', status: 'error' }),
  span('F', 'P', 1210, 600, { service: 'fraud', name: 'Score', status: 'error' }),
])

describe('compareTraces', () => {
  const c = compareTraces(pathsOf(typical), pathsOf(failing))
  const row = (l: string) => c.rows.find((r) => label(r.key) === l)

  it('aligns paths by service and operation from the root, with occurrence counts on each side', () => {
    const check = row('gw GET /order > order Create > stock Check')
    expect(check).toMatchObject({ presence: 'both', countA: 2, countB: 3, totalA: 100, totalB: 150 })
    expect(row('gw GET /order > order Create > pay Charge > fraud Score')).toMatchObject({ presence: 'b-only', countA: 0, countB: 1, errorsB: 1 })
    expect(row('gw GET /order > order Create > pay Charge')).toMatchObject({ errorsA: 0, errorsB: 1 })
  })

  it('keeps the tree order: every row after its parent', () => {
    c.rows.forEach((r, i) => expect(r.parent).toBeLessThan(i))
    expect(c.rows.map((r) => r.depth)).toEqual([0, 1, 2, 2, 3])
  })

  it('contributions add up exactly to the difference of the durations', () => {
    const sum = c.rows.reduce((s, r) => s + r.contribution, 0)
    expect(c.durationA).toBe(500)
    expect(c.durationB).toBe(900)
    expect(sum).toBe(400)
  })

  it('ranks the path that made the difference first', () => {
    const ranked = rankRows(c, { onlyDifferences: false, onlyErrors: false })
    expect(label(ranked[0].key)).toBe('gw GET /order > order Create > pay Charge > fraud Score')
    expect(ranked[0].contribution).toBe(600)
  })

  it('filters: only differences, only errors (keeping ancestors in the tree view)', () => {
    const errs = rankRows(c, { onlyDifferences: false, onlyErrors: true }).map((r) => label(r.key))
    expect(errs).not.toContain('gw GET /order > order Create > stock Check')
    expect(errs).toContain('gw GET /order > order Create > pay Charge > fraud Score')
    const same = trace(typical.spans.map((s) => ({ ...s })))
    const none = compareTraces(pathsOf(typical), pathsOf(same))
    expect(rankRows(none, { onlyDifferences: true, onlyErrors: false })).toEqual([])
    const tree = filterTree(c, { onlyDifferences: false, onlyErrors: true }).map((r) => label(r.key))
    expect(tree).toEqual(['gw GET /order', 'gw GET /order > order Create', 'gw GET /order > order Create > pay Charge', 'gw GET /order > order Create > pay Charge > fraud Score'])
  })

  it('traces of different roots share no path: every row is on one side only', () => {
    const other = trace([span('x', null, 0, 100, { service: 'mq', name: 'Consume' })])
    const d = compareTraces(pathsOf(typical), pathsOf(other))
    expect(d.rows.filter((r) => r.presence === 'both')).toEqual([])
    expect(d.rows.find((r) => r.key === 'mq\u0001Consume')?.presence).toBe('b-only')
    expect(d.rows.reduce((s, r) => s + r.contribution, 0)).toBe(100 - 500)
  })

  it('orphans line up under a shared "missing parent" path, whatever the lost ids', () => {
    const a = trace([span('r', null, 0, 100, { service: 'gw', name: 'A' }), span('o', 'lost-1', 10, 20, { service: 'pay', name: 'Charge' })])
    const b = trace([span('r', null, 0, 100, { service: 'gw', name: 'A' }), span('o', 'lost-9', 10, 30, { service: 'pay', name: 'Charge' })])
    const d = compareTraces(pathsOf(a), pathsOf(b))
    const orphan = d.rows.find((r) => r.key === '~missing-parent\npay\u0001Charge')
    expect(orphan).toMatchObject({ presence: 'both', totalA: 20, totalB: 30 })
  })

  it('PostTrace gaps are their own path, not self time of the span', () => {
    const pt = trace(
      [
        span('gw', null, 0, 100, { service: 'gw', name: 'GET /order' }),
        span('svc', 'gw', 40, 50, { service: 'svc', name: 'Do' }),
        span('db', 'svc', 50, 10, { kind: 'client', service: 'svc', name: 'Query' }),
      ],
      { mode: 'posttrace', triggerSpanId: 'db', triggerTime: 60 },
    )
    const d = compareTraces(pathsOf(pt), pathsOf(pt))
    const gap = d.rows.find((r) => r.key === 'gw\u0001GET /order\nsvc\u0001Do\n~not-captured')
    expect(gap).toMatchObject({ kind: 'not-captured', totalA: 10, totalB: 10, presence: 'both' })
  })

  it('clock skew: a skewed child is compared where it was moved (inside its parent)', () => {
    const a = trace([span('r', null, 1000, 100, { service: 'gw', name: 'GET' }), span('c', 'r', 950, 40, { service: 'api', name: 'Do' })])
    const b = trace([span('r', null, 0, 100, { service: 'gw', name: 'GET' }), span('c', 'r', 10, 40, { service: 'api', name: 'Do' })])
    const d = compareTraces(pathsOf(a), pathsOf(b))
    expect(d.rows.every((r) => r.contribution === 0)).toBe(true)
  })
})
