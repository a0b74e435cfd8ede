import { memo, useMemo, useRef } from 'react'
import type { TraceLoadProgress } from '../../../../api/sources/data-source'
import { previewTree } from '../../../../domain/trace/preview'
import { ServiceColors } from '../../../../ui/service-colors'
import type { TracePreview } from '../../../../domain/trace/preview'
import { buildRows, expandAll } from '../../../../domain/trace/rows'
import { formatInteger } from '../../../../lib/format'
import { timeScale } from '../../lib/trace-page/bar-geometry'
import { Gantt } from './gantt'
import { GridLines, TimelineRuler } from './timeline-ruler'
import { ArrivingTraceHeader } from './trace-header'
import { TraceToolbar } from './trace-toolbar'
import { NAME_WIDTH_KEY } from '../../lib/trace-page/gantt-layout'
import { useStoredSize } from '../../../../ui/resize-handle'
import type { CSSProperties } from 'react'
import type { GanttModel } from '../../hooks/use-gantt-model'
import type { TraceUrlState } from '../../hooks/use-trace-url'
import './trace-page.css'

export interface ArrivingTracePageProps {
  traceId: string
  progress: TraceLoadProgress
  preview: TracePreview
  url: TraceUrlState
}

/** The toolbar is drawn in its place (nothing moves when the trace is in) but out of use. */
const NOTHING_YET = { services: [], maxDepth: 0, errorCount: 0, skewAdjustedCount: 0 }
const ignore = () => undefined
const NO_NODES: number[] = []

/**
 * The trace page while a big trace is still arriving: the Gantt, read-only, with the first rows
 * where the finished tree will show them, on the trace's time axis, and how much has come in the
 * minimap's place. The tools, the minimap and the span detail need the whole trace, and appear in
 * place when it is in.
 */
export function ArrivingTracePage({ traceId, progress, preview, url }: ArrivingTracePageProps) {
  const { zoom } = url
  // the rows change a few times while the first spans come; the arrival count ten times a second
  const { model, moreBelow } = useMemo(() => {
    const { tree, moreBelow } = previewTree(traceId, preview)
    const collapsed = expandAll(tree)
    const model: GanttModel = {
      tree,
      rows: buildRows(tree, collapsed, null),
      collapsed,
      setCollapsed: ignore,
      matches: NO_NODES,
      matchSet: null,
      critical: null,
      errors: NO_NODES,
      filterActive: false,
    }
    return { model, moreBelow }
  }, [traceId, preview])
  const arriving = useMemo(() => ({ total: progress.total, moreBelow }), [progress.total, moreBelow])
  const scale = useMemo(() => timeScale(preview.start, preview.end, zoom), [preview.start, preview.end, zoom])
  const all = progress.spans >= progress.total
  const pct = progress.total > 0 ? Math.min(100, Math.round((progress.spans / progress.total) * 100)) : 100
  // the name column as wide as the user left it, so nothing moves when the whole trace is in
  const [nameWidth] = useStoredSize(NAME_WIDTH_KEY)
  const count = (n: number) => <span className="num">{formatInteger(n)}</span>
  return (
    <ServiceColors services={preview.services ?? []}>
    <div className="tp-page" aria-busy="true" data-testid="trace-arriving">
      <ArrivingTraceHeader traceId={traceId} tree={model.tree} spans={progress.total} />
      <PendingToolbar url={url} />
      <div className="tp-body">
        <div className="tp-gantt" style={nameWidth ? ({ '--tp-name-w': `${nameWidth}px` } as CSSProperties) : undefined}>
          <div className="tp-gantt-head">
            <div className="tp-head-name">
              <span>Service and operation</span>
              <span className="muted tp-row-count">first {model.rows.length} rows</span>
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
            <ReadOnlyGantt model={model} scale={scale} zoom={zoom} arriving={arriving} />
          </div>
        </div>
      </div>
    </div>
    </ServiceColors>
  )
}

/** The Gantt of the first rows, drawn again only when they change (not as the arrival count moves). */
const ReadOnlyGantt = memo(function ReadOnlyGantt(p: Pick<Parameters<typeof Gantt>[0], 'model' | 'scale' | 'zoom' | 'arriving'>) {
  return <Gantt {...p} selected={-1} roles={null} chainSpans={null} onSelect={ignore} onNextError={ignore} />
})

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
