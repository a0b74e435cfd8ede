import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from 'react'
import type { CSSProperties } from 'react'
import type { Trace } from '../../../../domain/model'
import { FULL_ZOOM } from '../../../../domain/trace/detail'
import { isFileTraceId } from '../../../../lib/trace-path'
import { collapseAll, expandAll, expandToDepth, revealNode } from '../../../../domain/trace/rows'
import { formatInteger } from '../../../../lib/format'
import { traceHref } from '../../../../lib/links'
import { Link } from 'react-router'
import { useCarry } from '../../../../ui/time-range/use-carry'
import { useTimeWindow } from '../../../../ui/time-range/use-time-window'
import { timeScale } from '../../lib/trace-page/bar-geometry'
import { ChainDiagram } from './chain-diagram'
import { Gantt } from './gantt'
import { Minimap } from './minimap'
import { SpanDetail } from './span-detail'
import { TimelineRuler, GridLines } from './timeline-ruler'
import { TraceHeader } from './trace-header'
import { TraceStats } from './trace-stats'
import { TraceToolbar } from './trace-toolbar'
import { useErrorChains } from '../../hooks/use-error-chains'
import { useGanttModel } from '../../hooks/use-gantt-model'
import { useTraceUrl } from '../../hooks/use-trace-url'
import { TRACE_VIEWS, useViewUrl } from '../../hooks/use-view-url'
import { ViewSwitch } from './view-switch'
import { FlameView } from './flame/flame-view'
import { ServiceColors } from '../../../../ui/service-colors'
import { ResizeHandle, useStoredSize } from '../../../../ui/resize-handle'
import { TraceNotes } from './trace-notes'
import { DETAIL_WIDTH_KEY, NAME_WIDTH_KEY } from '../../lib/trace-page/gantt-layout'
import { errorWalkOrder, stepWalk } from '../../../../domain/trace/error-walk'
import { usePreparedAnalysis } from '../../hooks/use-analysis'
import { LoadingState } from '../../../../ui/states'
import './trace-page.css'

// The graph view draws with Cytoscape, whose code is loaded (and run) when the view is first
// chosen or the pointer is over its tab, not on the way to a trace's first rows.
const loadGraphView = () => import('./trace-graph/trace-graph-view')
const TraceGraphView = lazy(() => loadGraphView().then((m) => ({ default: m.TraceGraphView })))

/**
 * `routeId`: the id the page's address names the trace by: the trace's own id, or the `file-` id of
 * a trace opened from a file (which the backend does not know), so links to this trace use it.
 */
export function TracePage({ trace, routeId }: { trace: Trace; routeId: string }) {
  const fromFile = isFileTraceId(routeId)
  const [url, update] = useTraceUrl()
  const [views, updateView] = useViewUrl()
  const model = useGanttModel(trace, url)
  const { tree } = model
  const searchRef = useRef<HTMLInputElement>(null)
  const chains = useErrorChains(trace, tree.errorCount)
  usePreparedAnalysis(trace, !url.raw, 'idle', tree)
  const activeChain = url.chain ? (chains.chains.find((c) => c.id === url.chain) ?? null) : null
  const chainSpans = useMemo(() => (activeChain ? new Set(activeChain.spanIds) : null), [activeChain])
  const selected = url.span ? (tree.byKey.get(url.span) ?? -1) : -1
  const scale = useMemo(() => timeScale(tree.start, tree.end, url.zoom), [tree.start, tree.end, url.zoom])

  const { setCollapsed, collapsed } = model
  const goTo = useCallback(
    (node: number) => {
      setCollapsed(revealNode(tree, collapsed, node))
      update({ span: tree.nodes[node].key })
    },
    [tree, collapsed, setCollapsed, update],
  )
  const select = useCallback((node: number) => update({ span: tree.nodes[node].key }), [tree, update])
  const step = (list: number[], dir: 1 | -1) => {
    if (list.length === 0) return
    const next = dir === 1 ? list.find((i) => i > selected) ?? list[0] : [...list].reverse().find((i) => i < selected) ?? list[list.length - 1]
    goTo(next)
  }
  const errorWalk = useMemo(
    () => errorWalkOrder(chains.chains.flatMap((c) => tree.byKey.get(c.id) ?? []), model.errors),
    [chains.chains, tree, model.errors],
  )
  const stepError = (dir: 1 | -1) => {
    const next = stepWalk(errorWalk, selected, dir)
    if (next !== undefined) goTo(next)
  }
  const matchPosition = selected >= 0 ? model.matches.indexOf(selected) + 1 : 0

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return
      e.preventDefault()
      searchRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const selectedSpan = selected >= 0 ? tree.nodes[selected].span : null
  const selectedChain = selectedSpan ? chains.chains.find((c) => c.spanIds.includes(selectedSpan.spanId)) ?? null : null
  const zoomed = url.zoom.from > 0 || url.zoom.to < 1
  const services = useMemo(() => {
    const names = new Set<string>()
    for (const n of tree.nodes) if (n.span) names.add(n.span.service)
    return names
  }, [tree])
  const ganttRef = useRef<HTMLDivElement>(null)
  const nameHeadRef = useRef<HTMLDivElement>(null)
  const detailRef = useRef<HTMLDivElement>(null)
  const [nameWidth, setNameWidth] = useStoredSize(NAME_WIDTH_KEY)
  const [detailWidth, setDetailWidth] = useStoredSize(DETAIL_WIDTH_KEY)
  const ganttStyle = nameWidth ? ({ '--tp-name-w': `${nameWidth}px` } as CSSProperties) : undefined
  const carry = useCarry()
  const { window: range } = useTimeWindow()
  const typicalHref = useMemo(() => {
    // the header's window when the trace started in it, else the 30 minutes around the trace's start
    const startMs = tree.start / 1000
    const inRange = startMs >= range.from && startMs <= range.to
    const p = new URLSearchParams(carry)
    p.set('a', routeId)
    p.set('typical', '1')
    p.set('tfrom', String(Math.round(inRange ? range.from : startMs - 15 * 60_000)))
    p.set('tto', String(Math.round(inRange ? range.to : startMs + 15 * 60_000)))
    return `/traces/compare?${p.toString()}`
  }, [carry, range.from, range.to, tree.start, routeId])
  const compareAction = (
    <Link className="btn" to={typicalHref} title="Compare this trace, path by path, with a successful trace of the same entry operation whose duration is nearest the median">
      Compare with a typical trace
    </Link>
  )
  const viewSwitch = (
    <ViewSwitch
      view={views.view}
      views={TRACE_VIEWS}
      onChange={(v) => updateView({ view: v })}
      onIntent={(v) => {
        if (v === 'graph') void loadGraphView().catch(() => undefined)
      }}
    />
  )
  return (
    <ServiceColors services={services}>
    <div className="tp-page">
      <TraceHeader trace={trace} tree={tree} />
      <TraceNotes trace={trace} tree={tree} />
      {views.view === 'gantt' ? <TraceToolbar
        lead={viewSwitch}
        tree={tree}
        url={url}
        update={update}
        matchCount={model.matches.length}
        matchPosition={matchPosition}
        searchRef={searchRef}
        onStepMatch={(d) => step(model.matches, d)}
        onCollapseAll={() => setCollapsed(collapseAll(tree))}
        onExpandAll={() => setCollapsed(expandAll(tree))}
        onExpandToDepth={(d) => setCollapsed(expandToDepth(tree, d))}
        onNextError={stepError}
        zoomed={zoomed}
        onResetZoom={() => update({ zoom: FULL_ZOOM })}
        extraActions={compareAction}
      /> : <div className="tp-toolbar" role="toolbar" aria-label="Trace view controls">{viewSwitch}<div className="tp-group tp-toolbar-end">{compareAction}</div></div>}
      <ChainDiagram chains={chains.chains} traceId={trace.traceId} active={url.chain} onSelectSpan={(id) => {
        const i = tree.byKey.get(id)
        if (i !== undefined) goTo(i)
      }} />
      <div className="tp-body">
        {views.view === 'flame' ? (
          <FlameView
            trace={trace}
            tree={tree}
            adjustSkew={!url.raw}
            view={views}
            update={updateView}
            selectedSpan={url.span}
            query={url.query}
            onQuery={(query) => update({ query })}
          />
        ) : views.view === 'graph' ? (
          <Suspense
            fallback={
              // in the place and frame of the view it stands for, so nothing moves when the view comes
              <section className="tp-view-loading" aria-label="Service graph of this trace" aria-busy="true">
                <LoadingState label="Loading the graph view…" />
              </section>
            }
          >
            <TraceGraphView trace={trace} tree={tree} adjustSkew={!url.raw} view={views} update={updateView} />
          </Suspense>
        ) : (
        <div className="tp-gantt" ref={ganttRef} style={ganttStyle}>
          <div className="tp-gantt-head">
            <div className="tp-head-name" ref={nameHeadRef}>
              <span>Service and operation</span>
              <span className="muted tp-row-count">{formatInteger(model.rows.length)} rows</span>
              <ResizeHandle
                edge="right"
                label="Width of the name column"
                current={() => nameHeadRef.current?.getBoundingClientRect().width ?? 360}
                min={160}
                max={() => Math.max(200, (ganttRef.current?.getBoundingClientRect().width ?? 1000) - 240)}
                onResize={setNameWidth}
              />
            </div>
            <div className="tp-head-time">
              <Minimap tree={tree} zoom={url.zoom} onZoom={(z) => update({ zoom: z })} />
              <TimelineRuler scale={scale} zoom={url.zoom} onZoom={(z) => update({ zoom: z })} />
            </div>
          </div>
          <div className="tp-gantt-rows">
            <GridLines scale={scale} />
            <Gantt
              model={model}
              scale={scale}
              zoom={url.zoom}
              selected={selected}
              roles={chains.roles.size > 0 ? chains.roles : null}
              chainSpans={chainSpans}
              onSelect={select}
              onNextError={stepError}
              autoFocus
            />
          </div>
        </div>
        )}
        {selected >= 0 ? (
          <div className="tp-detail-wrap" ref={detailRef} style={detailWidth ? { width: detailWidth } : undefined}>
            <ResizeHandle
              edge="left"
              label="Width of the span detail"
              current={() => detailRef.current?.getBoundingClientRect().width ?? 440}
              min={300}
              max={() => Math.max(320, window.innerWidth * 0.6)}
              onResize={setDetailWidth}
            />
            <SpanDetail
              tree={tree}
              node={selected}
              fromFile={fromFile}
              role={selectedSpan ? (chains.roles.get(selectedSpan.spanId) ?? null) : null}
              chainOrigin={selectedChain ? selectedChain.origin.service : null}
              chainHref={selectedChain && selectedSpan ? traceHref(routeId, { span: selectedSpan.spanId, chain: selectedChain.id }) : null}
              onClose={() => update({ span: null })}
            />
          </div>
        ) : null}
      </div>
      {url.stats ? <TraceStats tree={tree} /> : null}
    </div>
    </ServiceColors>
  )
}
