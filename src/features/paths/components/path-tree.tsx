import { memo, useCallback, useMemo, useRef, useState } from 'react'
import type { PathAggregate, PathNodeStats } from '../../../domain/paths/aggregate'
import { formatDuration, formatInteger, formatPercent, formatRate, plural } from '../../../lib/format'
import { useRowVirtualizer } from '../../../ui/use-row-virtualizer'
import { NodeLinks } from './node-links'

const pm = (value: number, se: number) => (value > 0 && se > 0 ? ` ± ${Math.round((196 * se) / value)} %` : '')
export const ratioText = (v: number) => (v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toFixed(3))

/** px: every row's height (nothing in a row wraps: long names end in an ellipsis, the whole name on hover) */
const ROW = 26

interface RowProps {
  n: PathNodeStats
  index: number
  collapsed: boolean
  onToggle: (key: string) => void
  used: number
  window: { from: number; to: number }
}

/** One node's row; memoised, so a scroll only draws the rows that come into view. */
const TreeRow = memo(function TreeRow({ n, index, collapsed, onToggle, used, window }: RowProps) {
  return (
    <tr aria-level={n.depth + 1} aria-expanded={n.children.length ? !collapsed : undefined} data-key={n.key} data-index={index} aria-rowindex={index + 2}>
      <td className="paths-name" style={{ paddingLeft: `${0.4 + n.depth * 0.9}rem` }} title={n.key}>
        {n.children.length ? (
          <button type="button" className="paths-toggle" aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${n.service} ${n.operation}`} onClick={() => onToggle(n.key)}>
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="paths-toggle" aria-hidden="true" />
        )}
        <span className="paths-svc">{n.service}</span> <span className="paths-op">{n.operation}</span>
        {n.async ? <span className="paths-badge" title="Async work: the entry did not wait for it">async</span> : null}
      </td>
      <td className="num" title={`${formatInteger(n.traces)} of ${plural(used, 'trace')} have it; ${plural(n.spans, 'span')}`}>
        {ratioText(n.callsPerEntry.value)}
        <span className="muted">{pm(n.callsPerEntry.value, n.callsPerEntry.se)}</span>
      </td>
      <td className="num">{n.rps ? <>{formatRate(n.rps.value)}<span className="muted">{pm(n.rps.value, n.rps.se)}</span></> : <span className="muted">rate unknown</span>}</td>
      <td className="num">
        {formatDuration(n.duration.p50)} · {formatDuration(n.duration.p90)} · {formatDuration(n.duration.p99)}
      </td>
      <td className="num">
        {formatDuration(n.self.p50)} · {formatDuration(n.self.p99)}
      </td>
      <td className="paths-bar-cell" title={`${formatDuration(n.criticalPerEntry.value)} per request on the critical path`}>
        <span className="paths-bar" style={{ width: `${Math.min(100, n.criticalShare * 100)}%` }} />
        <span className="paths-bar-text">{n.async ? '—' : formatPercent(n.criticalShare)}</span>
      </td>
      <td className={`num${n.errors > 0 ? ' paths-err' : ''}`}>{n.errors > 0 ? formatPercent(n.errorRate.value) : '0 %'}</td>
      <td>
        <NodeLinks node={n} window={window} />
      </td>
    </tr>
  )
})

/**
 * The path tree as an indented tree-table with inline bars (critical-path share). Virtualised:
 * only the rows in view (and a few around them) are in the DOM, every row is ROW px tall and the
 * columns have fixed widths, so a scroll neither measures rows nor lays the table out again and a
 * tree of thousands of nodes scrolls; `aria-rowcount` / `aria-rowindex` tell assistive technology
 * where each row sits.
 */
export function PathTree({ agg }: { agg: PathAggregate }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const rows = useMemo(() => {
    const out: PathNodeStats[] = []
    let hideUnder: string | null = null
    for (const n of agg.nodes) {
      if (hideUnder !== null && n.key.startsWith(hideUnder)) continue
      hideUnder = null
      out.push(n)
      if (collapsed.has(n.key)) hideUnder = `${n.key} › `
    }
    return out
  }, [agg.nodes, collapsed])
  const toggle = useCallback(
    (key: string) =>
      setCollapsed((c) => {
        const next = new Set(c)
        if (next.has(key)) next.delete(key)
        else next.add(key)
        return next
      }),
    [],
  )
  const { items, above: top, below: bottom } = useRowVirtualizer({
    count: rows.length,
    scrollRef,
    rowHeight: ROW,
    overscan: 16,
    initialRect: { width: 1200, height: 600 },
  })
  const window = useMemo(() => ({ from: agg.from, to: agg.to }), [agg.from, agg.to])
  return (
    <div className="paths-table-wrap" ref={scrollRef} data-testid="paths-tree-scroll">
      <table className="paths-table paths-tree-table" role="treegrid" aria-label={`Path tree of ${agg.entry.service} ${agg.entry.operation}`} aria-rowcount={rows.length + 1}>
        <colgroup>
          <col />
          <col className="paths-col-ratio" />
          <col className="paths-col-rate" />
          <col className="paths-col-duration" />
          <col className="paths-col-self" />
          <col className="paths-col-critical" />
          <col className="paths-col-errors" />
          <col className="paths-col-open" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Service · operation</th>
            <th scope="col" className="num" title="Calls per entry request (± 95 % interval)">Calls / request</th>
            <th scope="col" className="num" title="Estimated real calls per second over the window">Calls/s (est.)</th>
            <th scope="col" className="num" title="Own duration of the spans: p50 / p90 / p99">Duration p50 · p90 · p99</th>
            <th scope="col" className="num" title="Self time (duration minus children): p50 / p99">Self p50 · p99</th>
            <th scope="col" title="Share of the entry's latency spent here on the critical path">Critical path</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col">Open</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((v) => {
            const n = rows[v.index]
            return n ? <TreeRow key={n.key} n={n} index={v.index} collapsed={collapsed.has(n.key)} onToggle={toggle} used={agg.used} window={window} /> : null
          })}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  )
}
