import { describe, expect, it } from 'vitest'
import { buildTraceTree } from './tree'
import { buildRows, collapseAll, expandAll, expandToDepth, focusOn, keepFlags, toggleNode } from './rows'
import type { GanttRow } from './rows'
import { matchFlags } from './search'
import type { SpanFilter } from './search'
import { span, trace } from './fixtures.test-util'

// r ─ a ─ a1 (error, stock)
//   │   └ a2
//   ├ b ─ b1
//   └ c
const t = buildTraceTree(
  trace([
    span('r', null, 0, 100, { service: 'gw' }),
    span('a', 'r', 1, 40, { service: 'order' }),
    span('a1', 'a', 2, 10, { service: 'stock', status: 'error', tags: { Method: 'ReserveStock' } }),
    span('a2', 'a', 20, 10, { service: 'stock' }),
    span('b', 'r', 50, 20, { service: 'pay' }),
    span('b1', 'b', 51, 5, { service: 'pay' }),
    span('c', 'r', 80, 5, { service: 'mail' }),
  ]),
)
const show = (rows: GanttRow[]) =>
  rows.map((r) => (r.type === 'node' ? `${t.nodes[r.node].key}${r.collapsed ? '+' : ''}` : `[${r.count} hidden, ${r.errors} err]`))
const none: SpanFilter = { query: '', errorsOnly: false, services: [], criticalOnly: null }

describe('buildRows', () => {
  it('shows every node when all expanded, only roots when all collapsed', () => {
    expect(show(buildRows(t, expandAll(t), null))).toEqual(['r', 'a', 'a1', 'a2', 'b', 'b1', 'c'])
    expect(show(buildRows(t, collapseAll(t), null))).toEqual(['r+'])
  })

  it('collapses and expands one subtree', () => {
    const c = toggleNode(expandAll(t), t.byKey.get('a') as number)
    expect(show(buildRows(t, c, null))).toEqual(['r', 'a+', 'b', 'b1', 'c'])
    expect(show(buildRows(t, toggleNode(c, t.byKey.get('a') as number), null))).toHaveLength(7)
  })

  it('expands to a depth', () => {
    expect(show(buildRows(t, expandToDepth(t, 2), null))).toEqual(['r', 'a+', 'b+', 'c'])
  })

  it('opens at a span with its path expanded and unrelated subtrees collapsed', () => {
    const rows = buildRows(t, focusOn(t, t.byKey.get('a1') as number), null)
    expect(show(rows)).toEqual(['r', 'a', 'a1', 'a2', 'b+', 'c'])
  })

  it('hides what a filter does not match, leaving a summary row with the hidden error count', () => {
    const keep = keepFlags(t, matchFlags(t, { ...none, query: 'pay' }))
    expect(show(buildRows(t, expandAll(t), keep))).toEqual(['r', '[3 hidden, 1 err]', 'b', 'b1', '[1 hidden, 0 err]'])
  })

  it('several services keep the spans of each and their ancestors; the hidden rows count the rest', () => {
    const keep = keepFlags(t, matchFlags(t, { ...none, services: ['mail', 'stock'] }))
    expect(show(buildRows(t, expandAll(t), keep))).toEqual(['r', 'a', 'a1', 'a2', '[2 hidden, 0 err]', 'c'])
    const pay = keepFlags(t, matchFlags(t, { ...none, services: ['pay'] }))
    expect(show(buildRows(t, expandAll(t), pay))).toEqual(['r', '[3 hidden, 1 err]', 'b', 'b1', '[1 hidden, 0 err]'])
  })

  it('errors only keeps the failed spans and their ancestors', () => {
    const keep = keepFlags(t, matchFlags(t, { ...none, errorsOnly: true }))
    expect(show(buildRows(t, expandAll(t), keep))).toEqual(['r', 'a', 'a1', '[1 hidden, 0 err]', '[3 hidden, 0 err]'])
  })

  it('a collapsed node knows the errors below it and where they started', () => {
    const a = t.nodes[t.byKey.get('a') as number]
    expect(a.errorsBelow).toBe(1)
    expect(t.nodes[a.errorOriginBelow].span?.service).toBe('stock')
  })
})
