import { describe, expect, it } from 'vitest'
import type { Span } from '../model'
import { span, trace } from './fixtures.test-util'
import { TracePreviewBuilder, depthFirstSpans, previewTree } from './preview'
import type { PreviewRow } from './preview'
import { buildTraceTree } from './tree'
import { buildRows, expandAll } from './rows'

/** A seeded random trace: nested calls, some clock skew, messaging, errors, spans in random order. */
function randomSpans(seed: number, count: number): Span[] {
  let x = seed
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
  const spans: Span[] = [span('s0', null, 1_000_000, 500_000, { service: 'gateway' })]
  for (let i = 1; i < count; i++) {
    const parent = spans[Math.floor(rnd() * spans.length)]
    // mostly inside the parent; sometimes off by skew, sometimes after it (messaging)
    const skew = rnd() < 0.1 ? (rnd() - 0.5) * 40_000 : 0
    const start = Math.round(parent.startTime + rnd() * parent.duration * 0.8 + skew)
    const duration = Math.max(1, Math.round(rnd() * parent.duration * 0.5))
    spans.push(
      span(`s${i}`, parent.spanId, start, duration, {
        service: `svc-${i % 7}`,
        kind: rnd() < 0.1 ? 'consumer' : 'client',
        status: rnd() < 0.05 ? 'error' : 'ok',
      }),
    )
  }
  for (let i = spans.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[spans[i], spans[j]] = [spans[j], spans[i]]
  }
  return spans
}

/** What the finished tree shows first, in the preview's terms. */
function treeRows(spans: Span[], limit: number) {
  const t = buildTraceTree(trace(spans))
  return t.nodes.slice(0, limit).map((n) => ({
    id: n.key,
    depth: n.depth,
    start: n.start,
    skewShift: n.skewShift,
    isError: n.isError,
    hasChildren: n.children.length > 0,
  }))
}
const shape = (rows: PreviewRow[]) =>
  rows.map((r) => ({ id: r.span.spanId, depth: r.depth, start: r.start, skewShift: r.skewShift, isError: r.isError, hasChildren: r.hasChildren }))

function preview(spans: Span[], limit: number, complete: boolean) {
  const b = new TracePreviewBuilder(limit, { mode: 'probability' })
  for (const s of spans) if (!b.add(s)) break
  return b.rows(complete)
}

describe('depthFirstSpans + TracePreviewBuilder', () => {
  it('shows exactly the rows the finished tree opens with, skew-corrected, for traces in random order', () => {
    let skewed = 0
    for (let seed = 1; seed <= 20; seed++) {
      const spans = randomSpans(seed, 300)
      const ordered = depthFirstSpans(spans, trace(spans).sampling)
      expect(ordered).not.toBeNull()
      if (!ordered) continue
      const rows = shape(preview(ordered.spans, 60, false))
      expect(rows).toEqual(treeRows(spans, 60))
      skewed += rows.filter((r) => r.skewShift !== 0).length
    }
    // the cases do exercise skew correction
    expect(skewed).toBeGreaterThan(10)
  })

  it('reorders without changing the tree: the ordered spans build the same tree, node for node', () => {
    const spans = randomSpans(7, 500)
    const ordered = depthFirstSpans(spans, trace(spans).sampling)
    if (!ordered) throw new Error('expected an order')
    const a = buildTraceTree(trace(spans))
    const b = buildTraceTree(trace(ordered.spans))
    expect(b.nodes.map((n) => [n.key, n.depth, n.start])).toEqual(a.nodes.map((n) => [n.key, n.depth, n.start]))
    // and in that order every span is where its node is
    expect(b.nodes.map((n) => n.span)).toEqual(ordered.spans)
    expect([ordered.start, ordered.end]).toEqual([a.start, a.end])
  })

  it('works out the extent of the skew-corrected tree as buildTraceTree does, with orphans, loops and PostTrace placeholders', () => {
    const spans = [
      ...randomSpans(11, 200),
      span('orphan', 'gone', -500, 10),
      span('loop-a', 'loop-b', 50, 5),
      span('loop-b', 'loop-a', 60, 900_000),
    ]
    for (const sampling of [trace(spans).sampling, { mode: 'posttrace' as const, rate: 1, triggerSpanId: spans[5].spanId, triggerTime: null }]) {
      const ordered = depthFirstSpans(spans, sampling)
      if (!ordered) throw new Error('expected an order')
      const tree = buildTraceTree({ ...trace(spans), sampling })
      expect(ordered.spans).toEqual(tree.nodes.flatMap((n) => (n.span ? [n.span] : [])))
      expect([ordered.start, ordered.end]).toEqual([tree.start, tree.end])
    }
  })

  it('holds back the last row until its children can no longer arrive, and gives it when the trace is complete', () => {
    const spans = [span('a', null, 0, 100), span('b', 'a', 10, 20), span('c', 'b', 12, 5)]
    const b = new TracePreviewBuilder(10, { mode: 'probability' })
    b.add(spans[0])
    b.add(spans[1])
    expect(shape(b.rows(false)).map((r) => [r.id, r.hasChildren])).toEqual([['a', true]])
    b.add(spans[2])
    expect(shape(b.rows(false)).map((r) => [r.id, r.hasChildren])).toEqual([['a', true], ['b', true]])
    expect(shape(b.rows(true)).map((r) => [r.id, r.depth])).toEqual([['a', 0], ['b', 1], ['c', 2]])
  })

  it('stops taking spans after the limit plus one', () => {
    const spans = [span('a', null, 0, 100), ...Array.from({ length: 10 }, (_, i) => span(`c${i}`, 'a', i, 1))]
    const b = new TracePreviewBuilder(3, { mode: 'probability' })
    const taken = spans.filter((s) => b.add(s)).length
    expect(taken).toBe(3)
    expect(b.rows(false).map((r) => r.span.spanId)).toEqual(['a', 'c0', 'c1'])
  })

  it('drops the preview when the spans break the promised order, rather than show rows that will move', () => {
    const cases: Record<string, Span[]> = {
      'a child after its parent was closed': [span('a', null, 0, 100), span('b', 'a', 10, 5), span('c', 'a', 20, 5), span('d', 'b', 11, 1)],
      'siblings out of start order': [span('a', null, 0, 100), span('c', 'a', 20, 5), span('b', 'a', 10, 5)],
      'an orphan': [span('a', null, 0, 100), span('x', 'gone', 10, 5)],
      'a repeated id': [span('a', null, 0, 100), span('b', 'a', 10, 5), span('b', 'a', 20, 5)],
      'roots out of start order': [span('a', null, 50, 100), span('z', null, 0, 10)],
    }
    for (const [name, spans] of Object.entries(cases)) {
      const b = new TracePreviewBuilder(10, { mode: 'probability' })
      spans.forEach((s) => b.add(s))
      expect({ name, valid: b.valid, rows: b.rows(true).length }).toEqual({ name, valid: false, rows: 0 })
    }
  })

  it('gives no preview of a PostTrace capture, whose tree gains a placeholder for the missing calls', () => {
    const b = new TracePreviewBuilder(10, { mode: 'posttrace' })
    expect(b.add(span('a', null, 0, 100))).toBe(false)
    expect(b.rows(true)).toEqual([])
  })

  it('gives no order for a trace that repeats span ids', () => {
    const spans = [span('a', null, 0, 100), span('b', 'a', 10, 5), span('b', 'a', 20, 5)]
    expect(depthFirstSpans(spans, trace(spans).sampling)).toBeNull()
  })
})

describe('previewTree', () => {
  it('is the top of the finished tree: same nodes, parents, depths and corrected starts, rows in the same order', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const spans = randomSpans(seed, 300)
      const ordered = depthFirstSpans(spans, trace(spans).sampling)
      if (!ordered) throw new Error('expected an order')
      const rows = preview(ordered.spans, 60, false)
      const { tree } = previewTree('t', { rows, start: ordered.start, end: ordered.end })
      const whole = buildTraceTree(trace(spans))
      const node = (t: typeof tree, i: number) => {
        const n = t.nodes[i]
        return [n.key, n.depth, n.start, n.skewShift, n.isError, n.parent === -1 ? null : t.nodes[n.parent].key]
      }
      expect(tree.nodes.map((_, i) => node(tree, i))).toEqual(whole.nodes.slice(0, rows.length).map((_, i) => node(whole, i)))
      const shown = buildRows(tree, expandAll(tree), null)
      expect(shown.map((r) => (r.type === 'node' ? tree.nodes[r.node].key : '?'))).toEqual(rows.map((r) => r.span.spanId))
      expect([tree.start, tree.end]).toEqual([whole.start, whole.end])
    }
  })

  it('marks the rows whose children have not come yet, so they show as parents already', () => {
    const spans = [span('a', null, 0, 100), span('b', 'a', 10, 20), span('c', 'b', 12, 5), span('d', 'a', 40, 5)]
    const b = new TracePreviewBuilder(2, { mode: 'probability' })
    spans.forEach((s) => b.add(s))
    const { tree, moreBelow } = previewTree('t', { rows: b.rows(false), start: 0, end: 100 })
    expect(tree.nodes.map((n) => [n.key, n.children.length, moreBelow[n.index]])).toEqual([
      ['a', 1, 0],
      ['b', 0, 1],
    ])
  })
})
