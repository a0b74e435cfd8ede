import { describe, expect, it } from 'vitest'
import { ancestorsOf, buildTraceTree } from './tree'
import { span, trace } from './fixtures.test-util'

const keys = (t: ReturnType<typeof buildTraceTree>) => t.nodes.map((n) => `${'  '.repeat(n.depth)}${n.key}`)

describe('buildTraceTree', () => {
  it('orders nodes in pre-order with children sorted by start time', () => {
    const t = buildTraceTree(trace([span('c', 'a', 30, 5), span('a', null, 0, 100), span('b', 'a', 10, 5), span('d', 'b', 11, 1)]))
    expect(keys(t)).toEqual(['a', '  b', '    d', '  c'])
    expect(t.nodes[0].subtreeSize).toBe(4)
    expect(t.maxDepth).toBe(2)
    expect(t.start).toBe(0)
    expect(t.end).toBe(100)
    expect(ancestorsOf(t, t.byKey.get('d') as number)).toEqual([0, 1])
  })

  it('hangs orphans under one "missing parent" placeholder per lost parent and counts them', () => {
    const t = buildTraceTree(trace([span('a', null, 0, 100), span('x', 'gone', 10, 5), span('y', 'gone', 20, 5)]))
    expect(keys(t)).toEqual(['a', '~missing-parent:gone', '  x', '  y'])
    expect(t.orphanCount).toBe(2)
    expect(t.warnings.join(' ')).toMatch(/2 spans have a parent that is not in the trace/)
    const holder = t.nodes[1]
    expect(holder.start).toBe(10)
    expect(holder.duration).toBe(15)
  })

  it('keeps every copy of a duplicated span id and warns', () => {
    const t = buildTraceTree(trace([span('a', null, 0, 100), span('b', 'a', 10, 5), span('b', 'a', 20, 5)]))
    expect(keys(t)).toEqual(['a', '  b', '  b~dup1'])
    expect(t.nodes[2].isDuplicate).toBe(true)
    expect(t.duplicateIds).toEqual(['b'])
    expect(t.warnings.join(' ')).toMatch(/used more than once \(b\)/)
  })

  it('cuts parent cycles instead of looping, and warns', () => {
    const t = buildTraceTree(trace([span('a', null, 0, 100), span('p', 'q', 10, 5), span('q', 'p', 12, 2), span('s', 's', 1, 1)]))
    expect(t.nodes).toHaveLength(4)
    expect(t.cycleSpanIds).toContain('p')
    expect(t.nodes.filter((n) => n.inCycle).map((n) => n.key).sort()).toEqual(['p', 's'])
    expect(t.warnings.join(' ')).toMatch(/loop/)
  })

  it('moves a skewed child inside its parent, with its subtree, and can show raw timing', () => {
    const spans = [span('a', null, 1000, 100), span('b', 'a', 900, 50, { service: 'other' }), span('c', 'b', 910, 10)]
    const t = buildTraceTree(trace(spans))
    const b = t.nodes[t.byKey.get('b') as number]
    const c = t.nodes[t.byKey.get('c') as number]
    expect(b.start).toBe(1000)
    expect(b.skewShift).toBe(100)
    expect(c.start).toBe(1010)
    expect(c.skewShift).toBe(0)
    expect(t.skewAdjustedCount).toBe(1)
    const raw = buildTraceTree(trace(spans), { adjustSkew: false })
    expect(raw.nodes[raw.byKey.get('b') as number].start).toBe(900)
    expect(raw.skewAdjustedCount).toBe(1)
    expect(raw.warnings.join(' ')).toMatch(/raw timing shown/)
  })

  it('leaves asynchronous consumers where they are', () => {
    const t = buildTraceTree(trace([span('a', null, 0, 100, { kind: 'producer' }), span('b', 'a', 500, 40, { kind: 'consumer' })]))
    expect(t.nodes[1].start).toBe(500)
    expect(t.skewAdjustedCount).toBe(0)
  })

  it('pulls back a child that ends after its parent', () => {
    const t = buildTraceTree(trace([span('a', null, 0, 100), span('b', 'a', 80, 40)]))
    expect(t.nodes[1].start).toBe(60)
    expect(t.nodes[1].skewShift).toBe(-20)
  })

  it('aggregates errors below a node and names where the hidden error started', () => {
    const t = buildTraceTree(
      trace([
        span('a', null, 0, 100, { status: 'error' }),
        span('b', 'a', 10, 50, { status: 'error', service: 'order' }),
        span('c', 'b', 20, 10, { tags: { IsError: 1 }, service: 'stock' }),
        span('d', 'a', 70, 10),
      ]),
    )
    expect(t.errorCount).toBe(3)
    expect(t.nodes[0].errorsBelow).toBe(2)
    expect(t.nodes[t.nodes[0].errorOriginBelow].span?.service).toBe('stock')
  })

  it('marks the PostTrace trigger and adds a placeholder for calls finished before capture', () => {
    const t = buildTraceTree(
      trace([span('a', null, 0, 100), span('t', 'a', 50, 10)], { mode: 'posttrace', triggerSpanId: 't', triggerTime: 50 }),
    )
    expect(t.nodes[t.triggerIndex].key).toBe('t')
    const ph = t.nodes.find((n) => n.kind === 'missing-calls')
    expect(ph).toBeDefined()
    expect(ph?.parent).toBe(0)
    expect(ph?.start).toBe(0)
    expect(ph?.duration).toBe(50)
    expect(keys(t)).toEqual(['a', '  ~missing-calls:a', '  t'])
  })

  it('marks missing calls under every span running before the trigger, over [its start, the trigger]', () => {
    //  gw [0..100] → bff [5..95] → svc [40..90] → db client [50..60] (trigger, slow), later call [70..80];
    //  par [45..80] runs beside svc; late [92..94] starts after the trigger
    const t = buildTraceTree(
      trace(
        [
          span('gw', null, 0, 100),
          span('bff', 'gw', 5, 90),
          span('svc', 'bff', 40, 50),
          span('db', 'svc', 50, 10, { kind: 'client' }),
          span('later', 'svc', 70, 10, { kind: 'client' }),
          span('par', 'bff', 45, 35),
          span('late', 'bff', 92, 2),
        ],
        { mode: 'posttrace', triggerSpanId: 'db', triggerTime: 60, triggerReason: 'latency', triggerThreshold: 8 },
      ),
    )
    const gaps = t.nodes.filter((n) => n.kind === 'missing-calls').map((n) => [t.nodes[n.parent].key, n.start, n.start + n.duration])
    expect(gaps).toEqual([
      ['gw', 0, 60],
      ['bff', 5, 60],
      ['svc', 40, 60],
      ['par', 45, 60],
    ])
  })

  it('copes with an empty trace', () => {
    const t = buildTraceTree(trace([]))
    expect(t.nodes).toEqual([])
    expect(t.spanCount).toBe(0)
  })

  it('builds deep traces without overflowing the stack', () => {
    const spans = [span('s0', null, 0, 200_000)]
    for (let i = 1; i < 20_000; i++) spans.push(span(`s${i}`, `s${i - 1}`, i, 200_000 - 2 * i))
    const t = buildTraceTree(trace(spans))
    expect(t.maxDepth).toBe(19_999)
  })
})
