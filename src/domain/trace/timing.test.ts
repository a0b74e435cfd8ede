import { describe, expect, it } from 'vitest'
import { buildTraceTree } from './tree'
import { criticalPath, selfTimeOf, selfTimes } from './timing'
import { sortStatistics, traceStatistics, unaccountedTime } from './stats'
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
    expect(s.known[idx('a')]).toBe(100 - 80)
    expect(s.known[idx('b')]).toBe(30)
    expect(s.known[idx('c')]).toBe(50)
    expect(s.known[idx('d')]).toBe(10)
    expect(s.unaccounted.every((u) => u === 0)).toBe(true)
    expect(selfTimeOf(t, idx('a'))).toEqual({ known: 20, unaccounted: 0 })
  })
})

describe('self time in a PostTrace capture', () => {
  //  gw [0..100] → bff [5..95] → svc [40..90] → db [50..60] (trigger at 60), later [70..80]; par [45..80]; late [92..94]
  const pt = buildTraceTree(
    trace(
      [
        span('gw', null, 0, 100, { service: 'gw' }),
        span('bff', 'gw', 5, 90, { service: 'bff' }),
        span('svc', 'bff', 40, 50, { service: 'svc' }),
        span('db', 'svc', 50, 10, { kind: 'client', service: 'svc' }),
        span('later', 'svc', 70, 10, { kind: 'client', service: 'svc' }),
        span('par', 'bff', 45, 35, { service: 'par' }),
        span('late', 'bff', 92, 2, { kind: 'client', service: 'bff' }),
      ],
      { mode: 'posttrace', triggerSpanId: 'db', triggerTime: 60 },
    ),
  )
  const at = (k: string) => selfTimeOf(pt, pt.byKey.get(k) as number)

  it('is unknown before the trigger: uncovered time there is unaccounted, after it is own work', () => {
    // svc: 30 µs not covered by captured calls; 10 of them (40..50) before the trigger
    expect(at('svc')).toEqual({ known: 20, unaccounted: 10 })
    expect(at('bff')).toEqual({ known: 3, unaccounted: 35 })
    expect(at('gw')).toEqual({ known: 5, unaccounted: 5 })
    // spans that started at or after the trigger, and leaves, are exact
    expect(at('late')).toEqual({ known: 2, unaccounted: 0 })
    expect(at('later')).toEqual({ known: 10, unaccounted: 0 })
  })

  it('statistics say how much time is unaccounted for, per group and for the trace', () => {
    const self = selfTimes(pt)
    const rows = traceStatistics(pt, self, 'service')
    expect(rows.find((r) => r.service === 'bff')).toMatchObject({ self: 3 + 2, unaccounted: 35, unknownSelf: 1 })
    expect(rows.find((r) => r.service === 'svc')).toMatchObject({ self: 20 + 10 + 10, unaccounted: 10, unknownSelf: 1 })
    // par [45..80] has no captured calls: 15 µs before the trigger unknown, 20 after it its own
    expect(rows.find((r) => r.service === 'par')).toMatchObject({ self: 20, unaccounted: 15 })
    expect(unaccountedTime(self)).toEqual({ time: 5 + 35 + 10 + 15, spans: 4 })
  })
})

describe('criticalPath', () => {
  const on = (tree: ReturnType<typeof buildTraceTree>, keys: string[]) => {
    const cp = criticalPath(tree)
    return keys.filter((k) => cp[tree.byKey.get(k) as number] === 1)
  }

  it('follows the last-finishing child back from the end, leaving out a child it overlaps', () => {
    // b [10..40] ends after c [30..90] started: b ran while c did, c alone decided a's end
    expect(on(t, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd'])
  })

  it('takes only the slowest call of a parallel fan-out, then the sequential call before it', () => {
    //  root [0..100]: s [0..20] sequential, then p1 [25..60], p2 [25..90], p3 [26..50] in parallel
    const tree = buildTraceTree(
      trace([span('root', null, 0, 100), span('s', 'root', 0, 20), span('p1', 'root', 25, 35), span('p2', 'root', 25, 65), span('p3', 'root', 26, 24), span('x', 'p1', 30, 20)]),
    )
    expect(on(tree, ['root', 's', 'p1', 'p2', 'p3', 'x'])).toEqual(['root', 's', 'p2'])
  })

  it('walks a sequence of calls, and into each call on the path', () => {
    const tree = buildTraceTree(
      trace([span('r', null, 0, 100), span('c1', 'r', 5, 30), span('c2', 'r', 40, 50), span('g1', 'c2', 45, 10), span('g2', 'c2', 50, 35)]),
    )
    // g1 [45..55] overlaps g2 [50..85]: not on the path
    expect(on(tree, ['r', 'c1', 'c2', 'g1', 'g2'])).toEqual(['r', 'c1', 'c2', 'g2'])
  })

  it('never puts async work on the path: a consumer that follows from its producer', () => {
    const tree = buildTraceTree(
      trace([
        span('r', null, 0, 100),
        span('pub', 'r', 10, 5, { kind: 'producer' }),
        span('db', 'r', 20, 30, { kind: 'client' }),
        { ...span('cons', 'pub', 60, 30, { kind: 'consumer' }), parentRelation: 'follows_from' as const },
      ]),
    )
    expect(on(tree, ['r', 'pub', 'db', 'cons'])).toEqual(['r', 'pub', 'db'])
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
