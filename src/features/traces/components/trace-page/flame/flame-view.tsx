import { useCallback, useMemo, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useSearchParams } from 'react-router'
import type { Trace } from '../../../../../domain/model'
import { frameLabel, framePath, layoutFlame, matchFrames, moveFlameCursor, startFlameCursor } from '../../../../../domain/trace/flame'
import type { FlameMove } from '../../../../../domain/trace/flame'
import type { FlameGraph } from '../../../../../domain/trace/flame'
import type { TraceTree } from '../../../../../domain/trace/tree'
import { formatInteger } from '../../../../../lib/format'
import { FlameCanvas } from '../../../../../ui/flame/flame-canvas'
import { useServiceColor } from '../../../../../ui/service-colors'
import { ErrorState, LoadingState } from '../../../../../ui/states'
import { flameGraphOf } from '../../../lib/analysis/analysis-client'
import { useAnalysis } from '../../../hooks/use-analysis'
import { writeViewUrl } from '../../../hooks/use-view-url'
import type { ViewUrlPatch, ViewUrlState } from '../../../hooks/use-view-url'
import { FrameSpans, frameSpans } from './frame-spans'
import { FrameFacts } from './frame-tooltip'
import './flame.css'

export interface FlameViewProps {
  trace: Trace
  /** the page's tree (same skew setting): node indexes of the flame graph refer to it */
  tree: TraceTree
  adjustSkew: boolean
  view: ViewUrlState
  update: (patch: ViewUrlPatch) => void
  selectedSpan: string | null
  query: string
  onQuery: (q: string) => void
}

/** The flame graph (icicle) of the trace: where the time went, by path or span by span. */
export function FlameView(p: FlameViewProps) {
  const { trace, tree, adjustSkew, view } = p
  const state = useAnalysis(`${trace.traceId}|${tree.spanCount}|${adjustSkew}|${view.flameGroup}`, () => flameGraphOf(trace, adjustSkew, view.flameGroup, tree))
  return (
    <section className="flame" aria-label="Flame graph">
      <FlameControls {...p} />
      {state.status === 'working' ? <LoadingState label={`Working out the flame graph of ${formatInteger(tree.spanCount)} spans…`} minHeight={240} /> : null}
      {state.status === 'failed' ? <ErrorState title="The flame graph could not be worked out" error={new Error(state.message)} /> : null}
      {state.status === 'done' ? <FlameBody {...p} flame={state.value} /> : null}
    </section>
  )
}

function FlameControls({ view, update, query, onQuery }: FlameViewProps) {
  const [text, setText] = useState(query)
  return (
    <div className="flame-controls" role="toolbar" aria-label="Flame graph controls">
      <div className="tp-group" role="radiogroup" aria-label="Frames">
        <button type="button" className="btn" aria-pressed={view.flameGroup === 'path'} onClick={() => update({ flameGroup: 'path', flameZoom: null })} title="Spans with the same service and operation at each level from the root are one frame">
          By path
        </button>
        <button type="button" className="btn" aria-pressed={view.flameGroup === 'span'} onClick={() => update({ flameGroup: 'span', flameZoom: null })} title="One frame per span">
          Per span
        </button>
      </div>
      <div className="tp-group" role="radiogroup" aria-label="Width">
        <button type="button" className="btn" aria-pressed={view.flameMetric === 'total'} onClick={() => update({ flameMetric: 'total' })} title="Width: the spans' summed durations">
          Total time
        </button>
        <button type="button" className="btn" aria-pressed={view.flameMetric === 'self'} onClick={() => update({ flameMetric: 'self' })} title="Width: the spans' own time plus that of everything below them">
          Self time
        </button>
      </div>
      <form
        className="tp-group"
        onSubmit={(e) => {
          e.preventDefault()
          onQuery(text)
        }}
      >
        <input type="search" aria-label="Search frames (service or operation)" placeholder="Search frames" value={text} onChange={(e) => setText(e.target.value)} onBlur={() => onQuery(text)} />
      </form>
    </div>
  )
}

function FlameBody(p: FlameViewProps & { flame: FlameGraph }) {
  const { flame, tree, view, update } = p
  const layout = useMemo(() => layoutFlame(flame, view.flameMetric), [flame, view.flameMetric])
  const search = useMemo(() => (p.query.trim() ? matchFrames(flame, p.query) : null), [flame, p.query])
  const [hover, setHover] = useState<{ f: number; x: number; y: number } | null>(null)
  const [params] = useSearchParams()
  const ganttHref = (key: string) => `?${writeViewUrl(params, { view: 'gantt', span: key, flameZoom: null }).toString()}`
  const zoomNode = view.flameZoom ? tree.byKey.get(view.flameZoom) : undefined
  const zoom = zoomNode !== undefined && flame.nodeFrame[zoomNode] >= 0 ? flame.nodeFrame[zoomNode] : 0
  const selectedNode = p.selectedSpan ? tree.byKey.get(p.selectedSpan) : undefined
  const selectedFrame = selectedNode !== undefined ? flame.nodeFrame[selectedNode] : -1
  const keyOfFrame = (f: number): string | null => {
    const spans = frameSpans(flame, tree, f)
    if (spans.length > 0) return tree.nodes[spans[0]].key
    // a frame without spans of its own (missing parent, not captured) is named by its tree node
    for (let i = 0; i < flame.nodeFrame.length; i++) if (flame.nodeFrame[i] === f) return tree.nodes[i].key
    return null
  }
  const zoomTo = (f: number) => {
    if (f <= 0) return update({ flameZoom: null })
    const key = keyOfFrame(f)
    const hasSpans = flame.spanStart[f + 1] > flame.spanStart[f]
    update({ flameZoom: key, ...(hasSpans ? { span: key } : {}) })
  }
  const colorOf = useServiceColor()
  const [cursor, setCursor] = useState(-1)
  const onHover = useCallback((f: number, x: number, y: number) => setHover(f >= 0 ? { f, x, y } : null), [])
  const KEY_MOVES: Record<string, FlameMove> = { ArrowUp: 'parent', ArrowDown: 'child', ArrowLeft: 'prev', ArrowRight: 'next', PageUp: 'page-prev', PageDown: 'page-next' }
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const at = cursor >= 0 && layout.width[cursor] > 0 ? cursor : startFlameCursor(flame, layout, selectedFrame, zoom)
    const move = KEY_MOVES[e.key]
    if (move) setCursor(moveFlameCursor(flame, layout, at, move))
    else if (e.key === 'Enter' || e.key === ' ') zoomTo(at)
    else if (e.key === 'Escape' || e.key === 'Backspace') {
      if (zoom > 0) {
        zoomTo(flame.parent[zoom])
        setCursor(zoom)
      } else return
    } else if (e.key === 'Home') setCursor(startFlameCursor(flame, layout, -1, zoom))
    else return
    e.preventDefault()
  }
  const crumbs = framePath(flame, zoom)
  const rootHas = (flame.childStart[1] - flame.childStart[0]) > 0
  return (
    <>
      <nav className="flame-crumbs" aria-label="Zoom path">
        {crumbs.map((f, i) => (
          <span key={f}>
            {i > 0 ? <span aria-hidden="true"> › </span> : null}
            {i === crumbs.length - 1 ? <strong aria-current="location">{frameLabel(flame, f)}</strong> : <button type="button" className="btn btn-ghost" onClick={() => zoomTo(f)}>{frameLabel(flame, f)}</button>}
          </span>
        ))}
        <span className="flame-summary muted">
          {formatInteger(flame.frameCount - 1)} frames from {formatInteger(tree.spanCount)} spans
          {search ? (
            <strong className="flame-match-count" aria-live="polite">
              {' · '}
              {search.frames === 0 ? 'no frame matches' : `${formatInteger(search.frames)} frame${search.frames === 1 ? '' : 's'} (${formatInteger(search.spans)} span${search.spans === 1 ? '' : 's'}) match`}
            </strong>
          ) : null}
        </span>
      </nav>
      {!rootHas ? (
        <p className="muted">This trace has no spans to draw.</p>
      ) : (
        <div className="flame-scroll">
          <FlameCanvas
            flame={flame}
            layout={layout}
            zoom={zoom}
            selected={selectedFrame}
            matches={search ? search.flags : null}
            showCritical
            onHover={onHover}
            onClick={zoomTo}
            cursor={cursor}
            colorOf={colorOf}
            onKeyDown={onKeyDown}
            onFocus={() => {
              if (cursor < 0 || layout.width[cursor] <= 0) setCursor(startFlameCursor(flame, layout, selectedFrame, zoom))
            }}
            ariaLabel={`Flame graph of ${formatInteger(tree.spanCount)} spans, ${view.flameGroup === 'path' ? 'grouped by path' : 'one frame per span'}, width by ${view.flameMetric} time. Failed frames are outlined and marked with “!”; the critical path is underlined. The frames are listed as text by the zoom path and the span list.`}
          />
          {hover ? (
            <div className="flame-tooltip" role="tooltip" style={{ left: Math.min(hover.x + 14, window.innerWidth - 340), top: hover.y + 14 }}>
              <FrameFacts flame={flame} layout={layout} frame={hover.f} />
            </div>
          ) : null}
        </div>
      )}
      <div className="flame-legend muted" aria-hidden="true">
        <span><span className="flame-key flame-key-err" /> failed spans (“!”)</span>
        <span><span className="flame-key flame-key-crit" /> on the critical path</span>
        <span><span className="flame-key flame-key-gap" /> not captured / missing parent</span>
        <span>Click a frame (or focus the graph, move with the arrow keys and press Enter) to zoom into it; Esc zooms out. Its spans are listed below.</span>
      </div>
      {zoom > 0 ? (
        <>
          <FrameFacts flame={flame} layout={layout} frame={zoom} />
          <FrameSpans flame={flame} tree={tree} frame={zoom} selectedKey={p.selectedSpan} onSelect={(key) => update({ span: key })} ganttHref={ganttHref} />
        </>
      ) : null}
    </>
  )
}
