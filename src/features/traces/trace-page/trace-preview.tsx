import { memo, useEffect, useMemo, useRef } from 'react'
import { nextFrame } from '../../../lib/pacer'
import type { PreviewRow, TracePreview } from '../../../domain/trace/preview'
import type { TraceLoadProgress } from '../../../api/sources/data-source'
import { formatDuration, formatInteger } from '../../../lib/format'
import { serviceColor } from '../../../lib/service-color'
import { timeScale } from './bar-geometry'
import type { TimeScale } from './bar-geometry'
import { ROW_HEIGHT } from './gantt'
import { SpanBarCell } from './gantt-row'
import { GridLines, TimelineRuler } from './timeline-ruler'
import { TraceExtentFacts } from './trace-header'
import { TraceToolbar } from './trace-toolbar'
import type { TraceUrlState } from './use-trace-url'
import './trace-page.css'

export interface TracePreviewViewProps {
  traceId: string
  progress: TraceLoadProgress
  preview: TracePreview
  url: TraceUrlState
  /** called once the first rows are painted */
  onShown?: () => void
}

/** The toolbar is drawn in its place (nothing moves when the trace is in) but out of use. */
const NOTHING_YET = { services: [], maxDepth: 0, errorCount: 0, skewAdjustedCount: 0 }
const ignore = () => undefined

/**
 * The trace page while a big trace is still arriving: the first rows of the Gantt, where the
 * finished tree will show them, on the trace's time axis, with how much has come. Read-only: the
 * tools, the minimap and the span detail need the whole trace, and appear in place when it is in.
 */
export function TracePreviewView({ traceId, progress, preview, url, onShown }: TracePreviewViewProps) {
  const { zoom } = url
  useEffect(() => {
    if (!onShown) return
    let live = true
    void nextFrame().then(() => {
      if (live) onShown()
    })
    return () => {
      live = false
    }
  }, [onShown])
  const scale = useMemo(() => timeScale(preview.start, preview.end, zoom), [preview.start, preview.end, zoom])
  const root = preview.rows[0].span
  const all = progress.spans >= progress.total
  const pct = progress.total > 0 ? Math.min(100, Math.round((progress.spans / progress.total) * 100)) : 100
  const count = (n: number) => <span className="num">{formatInteger(n)}</span>
  return (
    <div className="tp-page" aria-busy="true" data-testid="trace-preview">
      <header className="tp-header">
        <div className="tp-title-row">
          <h1 className="tp-title">
            <span className="service-swatch" style={{ background: serviceColor(root.service) }} aria-hidden="true" />
            <span>{root.service}</span>
            <span className="tp-title-op">{root.name}</span>
          </h1>
          <div className="tp-actions">
            <code className="tp-trace-id" title="Trace id">
              {traceId}
            </code>
            <button type="button" className="btn" disabled>
              Copy id
            </button>
            <button type="button" className="btn" disabled title="Available when the whole trace is in">
              Download JSON
            </button>
          </div>
        </div>
        <dl className="tp-facts">
          <TraceExtentFacts start={preview.start} end={preview.end} spans={progress.total} />
        </dl>
      </header>
      <PendingToolbar url={url} />
      <div className="tp-body">
        <div className="tp-gantt">
          <div className="tp-gantt-head">
            <div className="tp-head-name">
              <span>Service and operation</span>
              <span className="muted tp-row-count">first {preview.rows.length} rows</span>
            </div>
            <div className="tp-head-time">
              <div className="tp-minimap tp-minimap-pending" role="status" aria-live="polite">
                <span>
                  {all ? (
                    <>All {count(progress.total)} spans received; arranging the tree…</>
                  ) : (
                    <>
                      Receiving the trace: {count(progress.spans)} of {count(progress.total)} spans
                    </>
                  )}
                </span>
                <progress max={100} value={pct} aria-label="Spans received">
                  {pct} %
                </progress>
              </div>
              <TimelineRuler scale={scale} zoom={zoom} />
            </div>
          </div>
          <div className="tp-gantt-rows">
            <GridLines scale={scale} />
            <div className="tp-gantt-scroll" role="treegrid" aria-label="First spans of this trace, still arriving" aria-busy="true" aria-readonly="true" aria-rowcount={progress.total}>
              <PreviewRows rows={preview.rows} scale={scale} />
            </div>
          </div>
        </div>
      </div>
    </div>
  )
}

/** The toolbar in its place but out of use; not drawn again as the arrival count moves. */
const PendingToolbar = memo(function PendingToolbar({ url }: { url: TraceUrlState }) {
  const searchRef = useRef<HTMLInputElement>(null)
  return (
    <TraceToolbar
      pending
      tree={NOTHING_YET}
      url={url}
      update={ignore}
      matchCount={0}
      matchPosition={0}
      searchRef={searchRef}
      onStepMatch={ignore}
      onCollapseAll={ignore}
      onExpandAll={ignore}
      onExpandToDepth={ignore}
      onNextError={ignore}
      zoomed={false}
      onResetZoom={ignore}
    />
  )
})

/** The rows, drawn again only when they change (the arrival count changes ten times a second). */
const PreviewRows = memo(function PreviewRows({ rows, scale }: { rows: PreviewRow[]; scale: TimeScale }) {
  return (
    <div className="tp-gantt-inner" style={{ height: rows.length * ROW_HEIGHT }}>
      {rows.map((r, i) => {
        const color = serviceColor(r.span.service)
        return (
          <div
            key={r.span.spanId}
            className="tp-row tp-row-preview"
            role="row"
            aria-level={r.depth + 1}
            aria-rowindex={i + 1}
            aria-expanded={r.hasChildren ? true : undefined}
            data-node-key={r.span.spanId}
            style={{ transform: `translateY(${i * ROW_HEIGHT}px)` }}
          >
            <div role="gridcell" className="tp-name" style={{ paddingLeft: 4 + r.depth * 14 }}>
              {r.hasChildren ? <span className="tp-toggle" aria-hidden="true">▾</span> : <span className="tp-toggle-space" />}
              <span className="service-swatch" style={{ background: color }} aria-hidden="true" />
              {r.isError ? (
                <span className="tp-err-mark" title="Failed" aria-label="Failed">
                  !
                </span>
              ) : null}
              <span className="tp-svc">{r.span.service}</span>
              <span className="tp-op">{r.span.name}</span>
              {r.skewShift !== 0 ? (
                <span className="badge" title="Moved to fit inside its parent (clock skew)">
                  skew {r.skewShift > 0 ? '+' : '−'}
                  {formatDuration(Math.abs(r.skewShift))}
                </span>
              ) : null}
            </div>
            <SpanBarCell
              scale={scale}
              start={r.start}
              duration={r.span.duration}
              rawStart={r.span.startTime}
              events={r.span.events}
              color={color}
              placeholder={false}
            />
          </div>
        )
      })}
    </div>
  )
})
