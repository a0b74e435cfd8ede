import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { changedOnly, summarizeDiff } from '../../../domain/topology/baseline'
import { baselineName, describeWindow } from '../../../domain/topology/baseline-choice'
import { buildElements } from '../../../domain/topology/elements'
import { findNodes } from '../../../domain/topology/focus'
import { groupKeyOf } from '../../../domain/topology/grouping'
import { entryChoices, whatIf } from '../../../domain/topology/what-if'
import { buildStylesheet, labelMinZoom, semanticLabels, zoomTier } from '../../../domain/topology/stylesheet'
import { visibleGraph } from '../../../domain/topology/view-model'
import { splitServices } from '../../../domain/topology/versions'
import { formatDuration, formatPercent, formatRate } from '../../../lib/format'
import { useCarry } from '../../../ui/time-range/use-carry'
import { GraphView } from '../../../ui/graph/graph-view'
import type { GraphHandle, GraphSelection } from '../../../ui/graph/graph-view'
import { TrafficOverlay } from '../../../ui/graph/traffic-overlay'
import { EmptyState, ErrorState, LoadingState, PartialBanner, useKeptError } from '../../../ui/states'
import type { BaselineLegendInfo } from '../components/baseline-legend'
import { GroupChips } from '../components/group-chips'
import { HoverCard } from '../components/hover-card'
import { LiveStatus } from '../components/live-status'
import { OverlayLegend } from '../components/overlay-legend'
import { SidePanel } from '../components/side-panel'
import { TopologyToolbar } from '../components/topology-toolbar'
import { WhatIfForm } from '../components/what-if-form'
import { ZoomControls } from '../components/zoom-controls'
import { usePalette } from '../hooks/use-palette'
import { useDeclutter } from '../hooks/use-declutter'
import { useReducedMotion } from '../hooks/use-reduced-motion'
import { useMeasuredWhatIf } from '../hooks/use-measured-what-if'
import { useTopologyData } from '../hooks/use-topology-data'
import { useViewState } from '../hooks/use-view-state'
import { layoutKeyOf } from '../lib/url'
import '../topology.css'

const fmt = { rate: formatRate, pct: formatPercent, dur: formatDuration }
const NONE: never[] = []
const NO_MEMBERS = new Map<string, readonly string[]>()
const collapseWord = (g: string) => (g === 'dc' ? 'data centre' : g === 'cluster' ? 'cluster' : 'layer')
/** above this many drawn nodes the graph renders with fewer details while panning */
const LARGE_DRAW = 150

export function TopologyRoute() {
  const { state, update } = useViewState()
  const data = useTopologyData(state)
  const palette = usePalette()
  const reducedMotion = useReducedMotion()
  const graphRef = useRef<GraphHandle>(null)
  const carry = useCarry()
  const { topology, graph } = data

  const selectedNode = state.selection?.kind === 'node' ? state.selection.id : null
  const visible = useMemo(
    () =>
      topology
        ? visibleGraph(topology, { focus: state.focus, up: state.up, down: state.down, problemsOnly: state.problemsOnly, groupBy: state.groupBy, showAll: state.showAll, health: data.health, openGroups: state.openGroups, selected: selectedNode })
        : null,
    [topology, state.focus, state.up, state.down, state.problemsOnly, state.groupBy, state.showAll, data.health, state.openGroups, selectedNode],
  )
  // "changed only": what differs from the baseline, once it is in
  const diffShown = state.changedOnly && state.baseline !== null ? data.baselineDiff : null
  const shown = useMemo(() => (visible && diffShown ? changedOnly(visible.graph, diffShown) : (visible?.graph ?? null)), [visible, diffShown])
  const opsGraph = data.opsGraph
  // the what-if's call ratios are measured from the entry's sampled traces; the graph's only when they cannot be
  const measured = useMeasuredWhatIf(shown, opsGraph, state.whatIf, data.window)
  const whatIfResult = useMemo(
    () => (shown && state.whatIf && !measured.pending ? whatIf({ shown, ops: opsGraph, groupBy: state.groupBy, entryId: state.whatIf.entry, factor: state.whatIf.factor, measured: measured.extra }) : null),
    [shown, opsGraph, state.groupBy, state.whatIf, measured.pending, measured.extra],
  )
  const found = useMemo(() => new Set(shown ? findNodes(shown, state.find) : []), [shown, state.find])
  const hasSilence = useMemo(() => topology?.nodes.some((n) => n.silent !== null) ?? false, [topology])
  const errorsUnreported = useMemo(() => !!shown && shown.nodes.length > 0 && shown.nodes.every((n) => n.errorsUnknown === true) && shown.edges.every((e) => e.errorsUnknown === true), [shown])
  const elements = useMemo(
    () =>
      shown
        ? buildElements(shown, {
            overlays: state.overlays, groupBy: state.groupBy, health: data.health, changes: data.changesBySvc, alerts: data.alertsBySvc,
            baseline: data.baselineDiff, whatIf: whatIfResult, found, fmt, memberHealth: visible?.memberHealth,
          })
        : [],
    [shown, state.overlays, state.groupBy, data.health, data.changesBySvc, data.alertsBySvc, data.baselineDiff, whatIfResult, found, visible?.memberHealth],
  )
  const versions = useMemo(() => (state.groupBy === 'version' && shown ? splitServices(shown.nodes, data.changes.data ?? NONE) : null), [state.groupBy, shown, data.changes.data])
  const traffic = useMemo(() => new Map((shown?.edges ?? []).map((e) => [e.id, { rps: e.rps, errorRate: e.errorRate }])), [shown])
  const dotColors = useMemo(() => ({ dot: palette.fg, error: palette.crit, outline: palette.bgRaised }), [palette])
  const flowWanted = state.flow && state.overlays.traffic
  const large = (shown?.nodes.length ?? 0) > LARGE_DRAW
  // semantic zoom on graphs small enough to restyle: labels follow the zoom in steps, never drawn under 11 px
  const [tier, setTier] = useState<number | null>(null)
  const onZoom = useCallback((z: number) => setTier(zoomTier(z)), [])
  // DC and cluster boxes keep a legible name at every zoom, also on graphs too large for semantic labels
  const hasBoxes = visible?.groups.some((g) => g.open) ?? false
  const stylesheetAt = useCallback((z: number | null) => buildStylesheet(palette, { large, zoom: large ? null : z, boxZoom: hasBoxes ? z : null }), [palette, large, hasBoxes])
  const stylesheet = useMemo(() => stylesheetAt(tier), [stylesheetAt, tier])
  // a graph laid out anew is styled for the zoom it is framed at before it is drawn (the tier follows a frame later)
  const stylesheetForZoom = useCallback((z: number) => stylesheetAt(zoomTier(z)), [stylesheetAt])
  const labelZoom = useMemo(() => (large ? labelMinZoom({ large }) : undefined), [large])
  // names that would overlap at this zoom are left out, the most important kept (hover card and list say them)
  const sem = !large && tier !== null ? semanticLabels(tier) : null
  const declutterField = sem && sem.nodes ? (sem.detail ? 'label' : 'name') : null
  // grouped by version, every version of a split service keeps its name: the canary beside the one it replaces
  const rank = useMemo(() => {
    const pinned = new Set((versions ?? []).flatMap((s) => s.versions.map((v) => v.id)))
    return new Map((shown?.nodes ?? []).map((n) => [n.id, { health: data.health.get(n.id) ?? n.health, alerts: data.alertsBySvc.get(n.service) ?? n.alerts, rps: n.rps, pinned: pinned.has(n.id) }]))
  }, [shown, data.health, data.alertsBySvc, versions])
  // a new layout only once the answer for the new focus or grouping is in, not over the previous one
  // "changed only" is laid out and framed anew once the baseline is in and the graph is cut to what differs
  const wantedLayoutKey = layoutKeyOf(state, visible?.collapsed ?? false) + (diffShown ? '|diff' : '')
  const [layoutKey, setLayoutKey] = useState(wantedLayoutKey)
  if (!graph.isPlaceholderData && !data.settling && layoutKey !== wantedLayoutKey) setLayoutKey(wantedLayoutKey)
  useDeclutter(graphRef, { field: declutterField, rank, selected: state.selection?.kind === 'node' ? state.selection.id : null, edges: sem ? { critical: sem.critical, others: sem.edges } : null, deps: [elements, stylesheet, layoutKey] })
  const services = useMemo(() => [...new Set((topology?.nodes ?? []).map((n) => n.service))].sort(), [topology])
  const entries = useMemo(() => (shown ? entryChoices(shown) : []), [shown])
  const staleError = graph.isError && topology ? graph.error : null
  // a graph that never came keeps its failure on screen while the next refresh asks again
  const coldError = useKeptError(graph)
  const baselineWindowText = data.baselineWindow ? describeWindow(data.baselineWindow) : null
  const baselineInfo: BaselineLegendInfo | null = useMemo(
    () =>
      state.baseline && baselineWindowText
        ? {
            name: baselineName(state.baseline),
            window: baselineWindowText,
            status: data.baselineStatus,
            summary: data.baselineDiff ? summarizeDiff(data.baselineDiff) : null,
            changedOnly: state.changedOnly,
            onChangedOnly: (on: boolean) => update({ changedOnly: on }),
          }
        : null,
    [state.baseline, baselineWindowText, data.baselineStatus, data.baselineDiff, state.changedOnly, update],
  )
  const selectInPanel = useCallback(
    (sel: GraphSelection) => {
      update({ selection: sel }, { replace: true })
      if (sel?.kind === 'node') graphRef.current?.reveal(sel.id)
    },
    [update],
  )
  // double-click on a DC or cluster box closes it, on a closed group's node opens it
  const groupsRef = useRef<NonNullable<typeof visible>['groups']>([])
  useEffect(() => {
    groupsRef.current = visible?.groups ?? []
  })
  const hasTopology = Boolean(topology)
  useEffect(() => {
    const cy = graphRef.current?.instance()
    if (!cy) return
    const toggle = (e: { target: { id: () => string } }) => {
      const id = e.target.id()
      const key = id.startsWith('box:') ? id.replace(/^box:(dc|cluster):/, '') : groupKeyOf(id)
      const list = groupsRef.current
      const g = list.find((x) => x.key === key)
      if (!g) return
      const open = list.filter((x) => x.open).map((x) => x.key)
      update({ openGroups: g.open ? open.filter((k) => k !== g.key) : [...open, g.key], selection: null })
    }
    cy.on('dbltap', 'node', toggle)
    return () => void cy.off('dbltap', 'node', toggle)
  }, [update, hasTopology])
  // a group's members are drawn without selecting anything; a service is selected where it is drawn
  const focusService = useCallback((s: string) => update({ focus: s, selection: groupKeyOf(s) === null ? { kind: 'node', id: s } : null }), [update])

  return (
    <section className="page topo-page" aria-labelledby="topo-title">
      <header className="topo-header">
        <h1 id="topo-title">Topology</h1>
        <LiveStatus
          live={state.live}
          refreshSec={state.refreshSec}
          updatedAt={topology ? graph.dataUpdatedAt : null}
          fetching={graph.isFetching}
          staleError={staleError}
          onToggle={() => update({ live: !state.live }, { replace: true })}
          onRefresh={() => void graph.refetch()}
        />
      </header>
      <TopologyToolbar state={state} services={services} foundCount={found.size} window={data.window} update={update}>
        <WhatIfForm entries={entries} value={state.whatIf} result={whatIfResult} opsPending={state.whatIf !== null && state.groupBy !== 'method' && opsGraph === null && !data.opsError} measured={measured} onChange={(v) => update({ whatIf: v })} />
      </TopologyToolbar>
      {visible && visible.groups.length > 0 && (state.groupBy === 'dc' || state.groupBy === 'cluster') ? (
        <GroupChips groupBy={state.groupBy} groups={visible.groups} onChange={(open) => update({ openGroups: open, selection: null })} />
      ) : null}
      {topology?.partial ? (
        <>
          <PartialBanner partial={topology.partial} what="This graph" singular />
          {topology.partial.missingDcs.length === 0 ? null : hasSilence ? (
            <p className="topo-partial-note muted">
              Nodes say how long {topology.partial.missingDcs.join(', ')} was silent in the window (“no data N min”, dotted; “part missing N min”); their numbers rest on the minutes that answered, as in the metrics.
              {state.groupBy === 'dc' || state.groupBy === 'cluster' ? '' : ' Group by data centre to see that DC on its own.'}
            </p>
          ) : (
            <p className="topo-partial-note muted">
              Nodes of {topology.partial.missingDcs.join(', ')} are shown as unknown (dashed, “?”), not as healthy
              {state.groupBy === 'dc' || state.groupBy === 'cluster' ? '.' : '; group by data centre to see them.'}
            </p>
          )}
        </>
      ) : null}
      {visible?.collapsed && visible.overview ? (
        <div className="banner banner-info topo-collapsed" role="status" data-testid="topo-overview">
          {visible.totalNodes} nodes are too many to draw at once.{' '}
          {visible.overview.kind === 'problems'
            ? `Drawn: the ${visible.overview.problems} with problems (alerts, errors, latency, no data) and their ${visible.overview.neighbours} direct callers and callees; the other ${visible.overview.grouped} are collapsed by ${collapseWord(state.groupBy)}. `
            : visible.overview.kind === 'busiest'
              ? `Drawn: the ${visible.overview.busiest} busiest services (most calls in the window) and their ${visible.overview.neighbours} direct callers and callees; the other ${visible.overview.grouped} are collapsed by ${collapseWord(state.groupBy)}. `
              : `Shown collapsed by ${collapseWord(state.groupBy)}: each group's colour is its own error rate, and it says how many of its members are critical. `}
          Select a group to see its members, alerts and changes, focus on a service, or{' '}
          <button type="button" className="topo-link-btn" onClick={() => update({ showAll: true })}>draw all {visible.totalNodes} anyway</button>.
        </div>
      ) : null}
      {state.showAll && !state.focus && (topology?.nodes.length ?? 0) > 400 ? (
        <div className="banner banner-info" role="status">
          Drawing every node. <button type="button" className="topo-link-btn" onClick={() => update({ showAll: false })}>Collapse again</button>
        </div>
      ) : null}
      <div className="topo-main">
        <div className="topo-canvas-wrap">
          {!topology && (graph.isPending || data.settling) && !coldError ? <LoadingState label="Loading the service graph…" minHeight={480} /> : null}
          {!topology && coldError ? (
            <ErrorState title="The service graph could not be loaded" error={coldError} onRetry={() => void graph.refetch()} live={state.live} retrying={graph.isFetching} />
          ) : null}
          {topology && shown && shown.nodes.length === 0 ? (
            <div className="topo-empty">
              {visible?.focusMissing ? (
                <EmptyState title={`${state.focus} has no calls in this window`}>
                  <button type="button" className="btn" onClick={() => update({ focus: null, selection: null })}>Back to all services</button>
                </EmptyState>
              ) : state.problemsOnly ? (
                <EmptyState title="No problems in this window">Every node and call is healthy. Turn off “Problems only” to see the whole graph.</EmptyState>
              ) : (
                <EmptyState title="No calls in this window">Widen the time range to see the service graph.</EmptyState>
              )}
            </div>
          ) : null}
          {topology ? (
            <div className="topo-canvas" hidden={!shown || shown.nodes.length === 0}>
              <GraphView
                ref={graphRef}
                elements={elements}
                stylesheet={stylesheet}
                layout={state.layout}
                layoutKey={layoutKey}
                storageKey={`tracelens.topology.positions:${layoutKey}`}
                selected={state.selection}
                onSelect={(sel) => update({ selection: sel }, { replace: true })}
                ariaLabel={`Service graph: ${shown?.nodes.length ?? 0} nodes and ${shown?.edges.length ?? 0} calls. The list of nodes beside it is keyboard accessible.`}
                large={large}
                labelMinZoom={labelZoom}
                onZoom={large && !hasBoxes ? undefined : onZoom}
                stylesheetAt={large && !hasBoxes ? undefined : stylesheetForZoom}
              />
              {flowWanted && !reducedMotion ? <TrafficOverlay graph={graphRef} traffic={traffic} colors={dotColors} /> : null}
              <HoverCard graph={graphRef} />
              <ZoomControls graph={graphRef} />
            </div>
          ) : null}
          {topology ? (
            <OverlayLegend overlays={state.overlays} onChange={(o) => update({ overlays: o }, { replace: true })} baseline={baselineInfo} whatIf={whatIfResult !== null} silent={hasSilence} flow={state.flow} reducedMotion={reducedMotion} onFlowChange={(on) => update({ flow: on }, { replace: true })} groups={(visible?.memberHealth.size ?? 0) > 0} versions={versions} errorsUnreported={errorsUnreported} />
          ) : null}
        </div>
        {shown ? (
          <SidePanel
            topology={shown}
            answer={topology ?? shown}
            members={visible?.members ?? NO_MEMBERS}
            selection={state.selection}
            health={data.health}
            changes={data.changes.data ?? NONE}
            alerts={data.alerts.data ?? NONE}
            whatIf={whatIfResult}
            baseline={data.baselineDiff}
            baselineLabel={baselineWindowText}
            found={found}
            carry={carry}
            onSelect={selectInPanel}
            onFocus={focusService}
          />
        ) : null}
      </div>
    </section>
  )
}
