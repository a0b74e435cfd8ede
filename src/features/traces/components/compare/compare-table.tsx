import { memo, useRef } from 'react'
import type { CSSProperties } from 'react'
import { Link } from 'react-router'
import type { CompareRow } from '../../../../domain/trace/compare'
import { formatDuration, formatInteger } from '../../../../lib/format'
import { useServiceColor } from '../../../../ui/service-colors'
import { useRowVirtualizer } from '../../../../ui/use-row-virtualizer'

const rowName = (r: CompareRow) => (r.kind === 'missing-parent' ? 'Missing parent' : r.kind === 'not-captured' ? 'Not captured (before the PostTrace trigger)' : `${r.service ?? ''} ${r.operation ?? ''}`)
const signed = (us: number) => (us === 0 ? '0' : `${us > 0 ? '+' : '−'}${formatDuration(Math.abs(us))}`)
const PRESENCE = { both: 'both', 'a-only': 'A only', 'b-only': 'B only' } as const

/**
 * px of a row: fixed, so that scrolling never measures rows (the cells do not wrap: a long name or
 * path is cut with an ellipsis and given whole in its tooltip). Kept in step with compare.css.
 */
export const COMPARE_ROW_HEIGHT = { tree: 38, ranked: 42 } as const

/** Ancestors shown on a ranked row; deeper paths name how many levels above them are left out. */
export const PATH_LEVELS_SHOWN = 4

/** A ranked row's path: its nearest ancestors, the rest counted (the whole path in the tooltip), so a deep path keeps the row short. */
function RowPath({ path }: { path: string[] }) {
  const hidden = path.length - PATH_LEVELS_SHOWN
  const whole = path.join(' › ')
  return (
    <div className="muted cmp-path" title={whole}>
      {hidden > 0 ? <><span className="cmp-path-more">{formatInteger(hidden)} level{hidden === 1 ? '' : 's'} above ›</span> {path.slice(hidden).join(' › ')}</> : whole}
    </div>
  )
}

export interface CompareTableProps {
  rows: CompareRow[]
  /** row index in the comparison, for the span links */
  indexOf: Map<CompareRow, number>
  spanA: (string | null)[]
  spanB: (string | null)[]
  hrefA: (span: string) => string
  hrefB: (span: string) => string
  /** tree: indented rows in tree order; ranked: the whole path on each row */
  mode: 'tree' | 'ranked'
  /** the row's ancestors, root first, as "service operation" */
  pathOf: (r: CompareRow) => string[]
  /** µs: the longest total among the rows, the bars' full width */
  longest: number
}

/**
 * The merged tree (or ranked list) of the two traces' paths, each row with both bars. Virtualised:
 * only the rows in view (and a few around them) are in the DOM, so 50,000-span traces scroll.
 */
export function CompareTable(p: CompareTableProps) {
  const serviceColor = useServiceColor()
  const scrollRef = useRef<HTMLDivElement>(null)
  const rowHeight = COMPARE_ROW_HEIGHT[p.mode]
  const { items, above: top, below: bottom } = useRowVirtualizer({
    count: p.rows.length,
    scrollRef,
    // every row is exactly this tall (nothing in it wraps): no row is measured while scrolling
    rowHeight,
    overscan: 12,
    initialRect: { width: 1200, height: 700 },
  })
  return (
    <div className="cmp-scroll" ref={scrollRef} data-testid="cmp-scroll">
    <table className="table cmp-table" aria-label="Paths of both traces" aria-rowcount={p.rows.length + 1} style={{ '--cmp-row-h': `${rowHeight}px` } as CSSProperties}>
      <colgroup>
        <col />
        <col className="cmp-col-in" />
        <col className="cmp-col-count" />
        <col className="cmp-col-dur" />
        <col className="cmp-col-contrib" />
        <col className="cmp-col-errors" />
        <col className="cmp-col-spans" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Path (service operation)</th>
          <th scope="col">In</th>
          <th scope="col" className="num">Count A / B</th>
          <th scope="col">Duration A / B (summed)</th>
          <th scope="col" className="num" title="Change of the time this path spent on the critical path on its own: these add up to the difference of the traces' durations">Contribution</th>
          <th scope="col" className="num">Errors A / B</th>
          <th scope="col">Spans</th>
        </tr>
      </thead>
      <tbody>
        {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
        {items.map((v) => (
          <CompareTableRow key={p.rows[v.index].key} p={p} row={p.rows[v.index]} index={v.index} serviceColor={serviceColor} />
        ))}
        {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
      </tbody>
    </table>
    </div>
  )
}

/**
 * One row; memoised, so a scroll renders only the rows that come into view (the table's props do
 * not change while it scrolls).
 */
const CompareTableRow = memo(function CompareTableRow({ p, row: r, index, serviceColor }: { p: CompareTableProps; row: CompareRow; index: number; serviceColor: (service: string) => string }) {
  const i = p.indexOf.get(r) ?? -1
  const a = i >= 0 ? p.spanA[i] : null
  const b = i >= 0 ? p.spanB[i] : null
  const errs = r.errorsA + r.errorsB > 0
  return (
    <tr data-testid="cmp-row" className={errs ? 'cmp-err' : undefined} aria-rowindex={index + 2}>
      <td style={p.mode === 'tree' ? { paddingLeft: 6 + r.depth * 14 } : undefined} title={rowName(r)}>
        {r.service ? <span className="service-swatch" style={{ background: serviceColor(r.service) }} aria-hidden="true" /> : null}
        {errs ? <span className="tp-err-mark" aria-label="Failed spans on this path">!</span> : null}
        <span className="cmp-name">{rowName(r)}</span>
        {p.mode === 'ranked' && r.depth > 0 ? <RowPath path={p.pathOf(r)} /> : null}
      </td>
      <td><span className={r.presence === 'both' ? 'badge' : 'badge badge-warn'}>{PRESENCE[r.presence]}</span></td>
      <td className="num tabular">{formatInteger(r.countA)} / {formatInteger(r.countB)}</td>
      <td>
        <div className="cmp-bars" aria-label={`A ${formatDuration(r.totalA)}, B ${formatDuration(r.totalB)}`}>
          <span className="cmp-bar cmp-bar-a" style={{ width: `${(r.totalA / p.longest) * 100}%` }} />
          <span className="cmp-bar cmp-bar-b" style={{ width: `${(r.totalB / p.longest) * 100}%` }} />
        </div>
        <span className="tabular muted">{formatDuration(r.totalA)} / {formatDuration(r.totalB)}</span>
      </td>
      <td className="num tabular">{signed(r.contribution)}</td>
      <td className={errs ? 'num err-text tabular' : 'num tabular'}>{formatInteger(r.errorsA)} / {formatInteger(r.errorsB)}</td>
      <td className="cmp-links">
        {a ? <Link to={p.hrefA(a)}>A</Link> : null} {b ? <Link to={p.hrefB(b)}>B</Link> : null}
      </td>
    </tr>
  )
})
