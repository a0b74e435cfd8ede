import { memo } from 'react'
import type { HopRole } from '../../../../domain/error-chain/types'
import type { Span } from '../../../../domain/model'
import type { GanttRow } from '../../../../domain/trace/rows'
import type { TraceTree } from '../../../../domain/trace/tree'
import { formatDuration } from '../../../../lib/format'
import { useServiceColor } from '../../../../ui/service-colors'
import type { TimeScale } from '../../lib/trace-page/bar-geometry'
import { ROLE_MARK } from '../../lib/trace-page/role-marks'
import { UserText } from '../../../../ui/user-text'

export interface GanttRowViewProps {
  row: GanttRow
  rowIndex: number
  tree: TraceTree
  scale: TimeScale
  top: number
  selected: boolean
  matched: boolean
  onCritical: boolean
  inChain: boolean
  role: HopRole | null
  onToggle: (node: number) => void
  onSelect: (node: number) => void
  /** the trace is still arriving: the row is drawn, not used (no selection, no toggle) */
  readOnly?: boolean
  /** children of this row are still on their way (read-only rows only) */
  moreBelow?: boolean
}

export const rowDomId = (key: string) => `tp-row-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`

function GanttRowViewImpl(p: GanttRowViewProps) {
  const serviceColor = useServiceColor()
  const { row, tree, scale, top } = p
  const style = { transform: `translateY(${top}px)` }
  if (row.type === 'hidden') {
    return (
      <div className="tp-row tp-row-hidden" role="row" aria-level={row.depth + 1} aria-rowindex={p.rowIndex + 1} style={style}>
        <div role="gridcell" className="tp-name" style={{ paddingLeft: 8 + row.depth * 14 }}>
          <span className="tp-hidden-text">
            {row.count} span{row.count === 1 ? '' : 's'} hidden{row.errors > 0 ? `, ${row.errors} with errors` : ''}
          </span>
        </div>
        <div role="gridcell" className="tp-timeline" />
      </div>
    )
  }
  const n = tree.nodes[row.node]
  const span = n.span
  const hasChildren = n.children.length > 0 || p.moreBelow === true
  const readOnly = p.readOnly === true
  const color = span ? serviceColor(span.service) : undefined
  const origin = row.collapsed && n.errorOriginBelow !== -1 ? tree.nodes[n.errorOriginBelow].span?.service : null
  const cls = [
    'tp-row',
    p.selected ? 'is-selected' : '',
    p.matched ? 'is-match' : '',
    p.onCritical ? 'is-critical' : '',
    p.inChain ? 'is-chain' : '',
    n.kind !== 'span' ? 'tp-row-placeholder' : '',
    readOnly ? 'tp-row-preview' : '',
  ].join(' ')
  return (
    <div
      id={rowDomId(n.key)}
      className={cls}
      role="row"
      aria-level={row.depth + 1}
      aria-rowindex={p.rowIndex + 1}
      aria-expanded={hasChildren ? !row.collapsed : undefined}
      aria-selected={readOnly ? undefined : p.selected}
      data-node-key={n.key}
      style={style}
      onClick={readOnly ? undefined : () => p.onSelect(n.index)}
    >
      <div role="gridcell" className="tp-name" style={{ paddingLeft: 4 + row.depth * 14 }}>
        {hasChildren && readOnly ? (
          <span className="tp-toggle" aria-hidden="true">
            ▾
          </span>
        ) : hasChildren ? (
          <button
            type="button"
            className="tp-toggle"
            tabIndex={-1}
            aria-label={row.collapsed ? 'Expand' : 'Collapse'}
            onClick={(e) => {
              e.stopPropagation()
              p.onToggle(n.index)
            }}
          >
            {row.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="tp-toggle-space" />
        )}
        {span ? (
          <>
            <span className="service-swatch" style={{ background: color }} aria-hidden="true" />
            {n.isError ? (
              <span className="tp-err-mark" title={p.role ? ROLE_MARK[p.role].label : 'Failed'} aria-label={p.role ? `Failed: ${ROLE_MARK[p.role].label}` : 'Failed'}>
                {p.role ? ROLE_MARK[p.role].icon : '!'}
              </span>
            ) : p.role ? (
              <span className="tp-role-mark" title={ROLE_MARK[p.role].label} aria-label={ROLE_MARK[p.role].label}>
                {ROLE_MARK[p.role].icon}
              </span>
            ) : null}
            <UserText className="tp-svc" text={span.service} title={`${span.service} ${span.name}`} />
            <UserText className="tp-op" text={span.name} title={`${span.service} ${span.name}`} />
            {n.isTrigger ? <span className="badge badge-warn">PostTrace trigger</span> : null}
            {n.skewShift !== 0 ? (
              <span className="badge" title="Moved to fit inside its parent (clock skew)">
                skew {n.skewShift > 0 ? '+' : '−'}
                {formatDuration(Math.abs(n.skewShift))}
              </span>
            ) : null}
            {n.isDuplicate ? <span className="badge badge-warn">duplicate id</span> : null}
            {n.inCycle ? <span className="badge badge-warn">parent loop</span> : null}
            {origin ? (
              <span className="badge badge-error" title={`${n.errorsBelow} failed span${n.errorsBelow > 1 ? 's are' : ' is'} hidden in this collapsed subtree; the error started in ${origin}`}>
                {/* the origin first: a narrow name column cuts the end of the badge, never the service */}
                {origin} · {n.errorsBelow} error{n.errorsBelow > 1 ? 's' : ''} below
              </span>
            ) : null}
          </>
        ) : n.kind === 'missing-parent' ? (
          <span className="tp-placeholder-text">Missing parent: {n.key.slice('~missing-parent:'.length)} is not in the trace</span>
        ) : (
          <span
            className="tp-placeholder-text"
            title={`Calls ${tree.nodes[n.parent]?.span?.service ?? 'this span'} made between +${formatDuration(n.start - tree.start)} and the trigger (+${formatDuration(n.start + n.duration - tree.start)}) were not kept`}
          >
            Calls before the trigger not captured ({tree.nodes[n.parent]?.span?.service ?? 'unknown span'})
          </span>
        )}
      </div>
      <SpanBarCell
        scale={scale}
        start={n.start}
        duration={n.duration}
        rawStart={span ? span.startTime : n.start}
        events={span ? span.events : null}
        color={color}
        placeholder={n.kind !== 'span'}
      />
    </div>
  )
}

export const GanttRowView = memo(GanttRowViewImpl)

export interface SpanBarCellProps {
  scale: TimeScale
  /** µs since epoch, as drawn (skew-corrected unless raw timing) */
  start: number
  duration: number
  /** the span's own start, which its event times are relative to the clock of */
  rawStart: number
  events: Span['events'] | null
  color: string | undefined
  /** a placeholder row (missing parent, missing calls): a hatched bar, no duration label */
  placeholder: boolean
}

/** The timeline cell of a row: the bar on the shared axis, its event marks and its duration. */
export function SpanBarCell({ scale, start, duration, rawStart, events, color, placeholder }: SpanBarCellProps) {
  const left = scale.toPct(start)
  const right = scale.toPct(start + duration)
  const visible = right >= 0 && left <= 100
  const barLeft = Math.max(0, left)
  const barWidth = Math.max(0, Math.min(100, right) - barLeft)
  const labelAfter = right < 78
  const labelBefore = !labelAfter && barLeft > 16
  return (
    <div role="gridcell" className="tp-timeline">
      {visible ? (
        <>
          <div className={placeholder ? 'tp-bar tp-bar-missing' : 'tp-bar'} style={{ left: `${barLeft}%`, width: `${barWidth}%`, background: color }}>
            {events && events.length > 0
              ? events.slice(0, 20).map((ev, i) => {
                  const at = duration > 0 ? ((ev.time + (start - rawStart) - start) / duration) * 100 : 0
                  return <span key={i} className={ev.name === 'panic' || ev.name === 'exception' ? 'tp-ev tp-ev-err' : 'tp-ev'} style={{ left: `${Math.max(0, Math.min(100, at))}%` }} title={ev.name} />
                })
              : null}
          </div>
          {placeholder ? null : (
            <span
              className={labelAfter || labelBefore ? 'tp-dur' : 'tp-dur tp-dur-inside'}
              style={
                labelAfter
                  ? { left: `calc(${Math.min(100, right)}% + 4px)` }
                  : labelBefore
                    ? { right: `calc(${100 - barLeft}% + 4px)` }
                    : { right: `calc(${100 - Math.min(100, right)}% + 4px)` }
              }
            >
              {formatDuration(duration)}
            </span>
          )}
        </>
      ) : null}
    </div>
  )
}
