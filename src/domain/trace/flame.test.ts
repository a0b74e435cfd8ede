import { describe, expect, it } from 'vitest'
import { span, trace } from './fixtures.test-util'
import { buildFlameGraph, FLAME_PAGE, frameKind, frameLabel, framePath, layoutFlame, matchFrames, moveFlameCursor, startFlameCursor } from './flame'
import type { FlameGraph } from './flame'
import { traceFacts } from './trace-facts'
import { buildTraceTree } from './tree'
import type { Span, Trace } from '../model'

function flame(t: Trace, group: 'path' | 'span' = 'path', adjustSkew = true): FlameGraph {
  const tree = buildTraceTree(t, { adjustSkew })
  return buildFlameGraph(tree, traceFacts(tree), group)
}
const find = (g: FlameGraph, label: string): number[] => {
  const out: number[] = []
  for (let f = 0; f < g.frameCount; f++) if (frameLabel(g, f) === label) out.push(f)
  return out
}

//  gw GET /order [0..1000]
//    order Create [100..900]
//      stock Check [150..250], stock Check [300..400], stock Check [450..550]  (sequential, same path)
//      pay Charge [600..850] (fails)
//        stock Check [650..700]  (same operation, other path)
const repeated = trace([
  span('r', null, 0, 1000, { service: 'gw', name: 'GET /order' }),
  span('o', 'r', 100, 800, { service: 'order', name: 'Create' }),
  span('s1', 'o', 150, 100, { service: 'stock', name: 'Check' }),
  span('s2', 'o', 300, 100, { service: 'stock', name: 'Check' }),
  span('s3', 'o', 450, 100, { service: 'stock', name: 'Check' }),
  span('p', 'o', 600, 250, { service: 'pay', name: 'Charge', status: 'error' }),
  span('s4', 'p', 650, 50, { service: 'stock', name: 'Check' }),
])

describe('flame graph by path', () => {
  it('aggregates repeated calls on the same path into one frame with their count, total and self time', () => {
    const g = flame(repeated)
    const checks = find(g, 'stock Check')
    expect(checks).toHaveLength(2)
    const [underOrder, underPay] = checks.map((f) => ({ f, parent: frameLabel(g, g.parent[f]) }))
      .sort((a, b) => a.parent.localeCompare(b.parent))
      .map((x) => x.f)
    expect(frameLabel(g, g.parent[underOrder])).toBe('order Create')
    expect(g.count[underOrder]).toBe(3)
    expect(g.total[underOrder]).toBe(300)
    expect(g.self[underOrder]).toBe(300)
    expect(g.count[underPay]).toBe(1)
    const order = find(g, 'order Create')[0]
    // 800 − (3 × 100 + 250) covered by children
    expect(g.self[order]).toBe(250)
    const pay = find(g, 'pay Charge')[0]
    expect(g.errors[pay]).toBe(1)
    expect(g.errors[order]).toBe(0)
    expect(g.depth[pay]).toBe(3)
    expect(framePath(g, underPay).map((f) => frameLabel(g, f))).toEqual(['All spans', 'gw GET /order', 'order Create', 'pay Charge', 'stock Check'])
    // every span node belongs to the frame listing it
    for (let f = 0; f < g.frameCount; f++) {
      for (let k = g.spanStart[f]; k < g.spanStart[f + 1]; k++) expect(g.nodeFrame[g.spanList[k]]).toBe(f)
    }
    expect(g.spanStart[underOrder + 1] - g.spanStart[underOrder]).toBe(3)
  })

  it('orders children by when they were first called', () => {
    const g = flame(repeated)
    const order = find(g, 'order Create')[0]
    const kids = Array.from(g.childList.subarray(g.childStart[order], g.childStart[order + 1])).map((f) => frameLabel(g, f))
    expect(kids).toEqual(['stock Check', 'pay Charge'])
  })

  it('marks the critical path: the frames whose spans the request waited on', () => {
    const g = flame(repeated)
    const pay = find(g, 'pay Charge')[0]
    expect(g.critical[pay]).toBe(1)
    // the three sequential checks are all on the path (each ended before the next started)
    const checks = find(g, 'stock Check').find((f) => frameLabel(g, g.parent[f]) === 'order Create') as number
    expect(g.critical[checks]).toBe(3)
    // critical times add up to the trace's duration
    let sum = 0
    for (let f = 0; f < g.frameCount; f++) sum += g.criticalTime[f]
    expect(sum).toBe(1000)
  })

  it('one frame per span in span mode', () => {
    const g = flame(repeated, 'span')
    expect(find(g, 'stock Check')).toHaveLength(4)
    expect(g.frameCount).toBe(1 + repeated.spans.length)
  })
})

describe('flame layout', () => {
  it('self time: widths are inclusive self times and add up, so children always fit', () => {
    const g = flame(repeated)
    const l = layoutFlame(g, 'self')
    expect(l.value[0]).toBe(1000)
    const order = find(g, 'order Create')[0]
    expect(l.value[order]).toBe(800)
    expect(l.width[order]).toBeCloseTo(0.8)
    for (let f = 0; f < g.frameCount; f++) expect(l.squeeze[f]).toBe(1)
  })

  it('total time: parallel calls wider than their caller are scaled to fit it, and the layout says by how much', () => {
    const par = trace([
      span('r', null, 0, 100, { service: 'gw', name: 'fan' }),
      span('a', 'r', 0, 100, { service: 'a', name: 'x' }),
      span('b', 'r', 0, 100, { service: 'b', name: 'x' }),
    ])
    const g = flame(par)
    const l = layoutFlame(g, 'total')
    const root = find(g, 'gw fan')[0]
    expect(l.squeeze[root]).toBeCloseTo(0.5)
    const [a, b] = [find(g, 'a x')[0], find(g, 'b x')[0]]
    expect(l.width[a]).toBeCloseTo(0.5)
    expect(l.x[b]).toBeCloseTo(0.5)
    expect(l.value[a]).toBe(100)
  })
})

describe('damaged and partial traces', () => {
  it('spans whose parent is lost hang under a "missing parent" frame beside the root, not merged into it', () => {
    const t = trace([
      span('r', null, 0, 100, { service: 'gw', name: 'GET' }),
      span('x', 'lost', 20, 30, { service: 'pay', name: 'Charge' }),
      span('y', 'lost2', 60, 10, { service: 'pay', name: 'Charge' }),
    ])
    const g = flame(t)
    const missing = []
    for (let f = 0; f < g.frameCount; f++) if (frameKind(g.kind[f]) === 'missing-parent') missing.push(f)
    expect(missing).toHaveLength(2)
    for (const m of missing) expect(g.parent[m]).toBe(0)
    const l = layoutFlame(g, 'total')
    // the whole is the root plus what hangs under the lost parents
    expect(l.value[0]).toBe(140)
    expect(l.value[missing[0]]).toBe(30)
  })

  it('traces with several roots put them side by side under "All spans"', () => {
    const t = trace([span('a', null, 0, 100, { service: 'gw', name: 'A' }), span('b', null, 200, 50, { service: 'mq', name: 'B' })])
    const g = flame(t)
    expect(g.childStart[1] - g.childStart[0]).toBe(2)
    expect(layoutFlame(g, 'self').value[0]).toBe(150)
  })

  it('PostTrace: time before the trigger not covered by captured calls is a "not captured" frame, not self time', () => {
    const t = trace(
      [
        span('gw', null, 0, 100, { service: 'gw', name: 'GET' }),
        span('svc', 'gw', 40, 50, { service: 'svc', name: 'Do' }),
        span('db', 'svc', 50, 10, { kind: 'client', service: 'svc', name: 'Query' }),
      ],
      { mode: 'posttrace', triggerSpanId: 'db', triggerTime: 60 },
    )
    const g = flame(t)
    const gaps = []
    for (let f = 0; f < g.frameCount; f++) if (frameKind(g.kind[f]) === 'not-captured') gaps.push(f)
    const svc = find(g, 'svc Do')[0]
    const gapUnderSvc = gaps.find((f) => g.parent[f] === svc) as number
    // svc [40..90]: 40..50 before the trigger with no captured call: unaccounted; 60..90 own work
    expect(g.total[gapUnderSvc]).toBe(10)
    expect(g.self[svc]).toBe(30)
    // self layout: widths still add up to everything recorded, known and unaccounted
    const l = layoutFlame(g, 'self')
    expect(l.value[0]).toBe(100)
  })

  it('clock skew: a child that started before its parent is moved inside, so self and critical times stay in the parent', () => {
    const t = trace([
      span('r', null, 1000, 100, { service: 'gw', name: 'GET' }),
      span('c', 'r', 950, 40, { service: 'api', name: 'Do' }),
    ])
    const g = flame(t)
    const root = find(g, 'gw GET')[0]
    expect(g.self[root]).toBe(60)
    let crit = 0
    for (let f = 0; f < g.frameCount; f++) crit += g.criticalTime[f]
    expect(crit).toBe(100)
    // with raw timing the child counts only inside its parent for the critical path
    const raw = flame(t, 'path', false)
    let rawCrit = 0
    for (let f = 0; f < raw.frameCount; f++) rawCrit += raw.criticalTime[f]
    expect(rawCrit).toBe(100)
  })

  it('a parent loop is cut and still drawn', () => {
    const spans: Span[] = [span('a', 'b', 0, 10, { service: 's', name: 'A' }), span('b', 'a', 0, 10, { service: 's', name: 'B' })]
    const g = flame(trace(spans))
    expect(g.frameCount).toBe(3)
  })
})

describe('search', () => {
  it('says how many frames and spans match', () => {
    const g = flame(repeated)
    const m = matchFrames(g, 'check')
    expect(m.frames).toBe(2)
    expect(m.spans).toBe(4)
    expect(matchFrames(g, 'pay charge').frames).toBe(1)
    expect(matchFrames(g, '  ').frames).toBe(0)
  })
})

describe('flame graph keyboard cursor', () => {
  it('walks up, down and across a row (across parents, in drawing order), and stays put at the edges', () => {
    const g = flame(repeated, 'span')
    const layout = layoutFlame(g, 'total')
    const root = find(g, 'gw GET /order')[0]
    expect(startFlameCursor(g, layout, -1, 0)).toBe(root)
    const order = moveFlameCursor(g, layout, root, 'child')
    expect(frameLabel(g, order)).toBe('order Create')
    expect(moveFlameCursor(g, layout, order, 'parent')).toBe(root)
    const first = moveFlameCursor(g, layout, order, 'child')
    expect(frameLabel(g, first)).toBe('stock Check')
    // s1 → s2 → s3 → pay, left to right; at the right edge it stays
    const row = [first]
    for (let i = 0; i < 4; i++) row.push(moveFlameCursor(g, layout, row[row.length - 1], 'next'))
    expect(row.map((f) => frameLabel(g, f))).toEqual(['stock Check', 'stock Check', 'stock Check', 'pay Charge', 'pay Charge'])
    expect(moveFlameCursor(g, layout, first, 'prev')).toBe(first)
    // the child row of pay: stock Check under pay, reached by going down from pay
    const pay = row[3]
    expect(frameLabel(g, moveFlameCursor(g, layout, pay, 'child'))).toBe('stock Check')
  })

  it(`jumps ${FLAME_PAGE} frames a page, clamped to the row`, () => {
    const spans = [span('r', null, 0, 10_000, { service: 'gw', name: 'GET /batch' })]
    for (let i = 0; i < 25; i++) spans.push(span(`c${i}`, 'r', i * 400, 300, { service: 'db', name: `Q${i}` }))
    const g = flame(trace(spans), 'span')
    const layout = layoutFlame(g, 'total')
    const first = moveFlameCursor(g, layout, find(g, 'gw GET /batch')[0], 'child')
    expect(frameLabel(g, first)).toBe('db Q0')
    const page = moveFlameCursor(g, layout, first, 'page-next')
    expect(frameLabel(g, page)).toBe(`db Q${FLAME_PAGE}`)
    expect(frameLabel(g, moveFlameCursor(g, layout, moveFlameCursor(g, layout, page, 'page-next'), 'page-next'))).toBe('db Q24')
    expect(moveFlameCursor(g, layout, page, 'page-prev')).toBe(first)
  })

  it('starts on the selected span’s frame when there is one', () => {
    const g = flame(repeated, 'span')
    const layout = layoutFlame(g, 'total')
    const pay = find(g, 'pay Charge')[0]
    expect(startFlameCursor(g, layout, pay, 0)).toBe(pay)
  })
})
