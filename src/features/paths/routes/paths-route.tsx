import { useQuery } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { yesterdayOf } from '../../../domain/error-chain/sample'
import { comparePaths } from '../../../domain/paths/compare'
import { formatDuration, formatRate } from '../../../lib/format'
import { errorsHref, parseTagParams } from '../../../lib/links'
import { EmptyState, ErrorState, LoadingState, PartialBanner } from '../../../ui/states'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import { createPathAnalyzer } from '../lib/analyzer'
import { CompareTable } from '../components/compare-table'
import { EntryTraffic } from '../components/entry-traffic'
import { Icicle } from '../components/icicle'
import { PathSankey } from '../components/path-sankey'
import { PathTree } from '../components/path-tree'
import { PathsFilters } from '../components/paths-filters'
import { SideStatus } from '../components/side-status'
import { SourcesView } from '../components/sources-view'
import { WhatIfPanel } from '../components/what-if-panel'
import { usePathSide } from '../hooks/use-path-side'
import type { SideQuery } from '../hooks/use-path-side'
import { readPathsView, writePathsView } from '../lib/url'
import type { PathsView } from '../lib/url'
import '../paths.css'

function sides(view: PathsView, window: { from: number; to: number }): { a: SideQuery | null; b: SideQuery | null; labels: [string, string] } {
  if (view.mode === 'sources') {
    if (!view.service) return { a: null, b: null, labels: ['', ''] }
    return { a: { kind: 'sources', ...window, service: view.service, operation: view.operation ?? '', tags: view.tags, status: view.status, dc: view.dc, minDuration: view.minDuration, maxDuration: view.maxDuration, size: view.size }, b: null, labels: ['', ''] }
  }
  if (!view.service || !view.operation) return { a: null, b: null, labels: ['', ''] }
  const base: SideQuery = { ...window, service: view.service, operation: view.operation, tags: view.tags, status: view.status, dc: view.dc, minDuration: view.minDuration, maxDuration: view.maxDuration, size: view.size }
  switch (view.compare) {
    case 'slow':
      return { a: { ...base, split: 'slow' }, b: { ...base, split: 'normal' }, labels: ['Slow', 'Normal'] }
    case 'yesterday':
      return { a: base, b: { ...base, ...yesterdayOf(window) }, labels: ['Today', 'Yesterday'] }
    case 'dc':
      return view.b ? { a: base, b: { ...base, dc: view.b }, labels: [view.dc ?? 'All DCs', view.b] } : { a: base, b: null, labels: ['', ''] }
    case 'tag': {
      const bt = parseTagParams(view.b ? [view.b] : [])[0]
      if (!bt) return { a: base, b: null, labels: ['', ''] }
      const aTag = view.tags.find((t) => t.key === bt.key)
      return { a: base, b: { ...base, tags: [...view.tags.filter((t) => t.key !== bt.key), bt] }, labels: [aTag ? `${aTag.key}=${aTag.value}` : 'All', `${bt.key}=${bt.value}`] }
    }
    default:
      return { a: base, b: null, labels: ['', ''] }
  }
}

export function PathsRoute() {
  const source = useDataSource()
  const [params, setParams] = useSearchParams()
  const view = useMemo(() => readPathsView(params), [params])
  const { window } = useTimeWindow()
  const services = useQuery(traceQueries.services(source, window))
  const setView = useCallback((patch: Partial<PathsView>) => setParams((p) => writePathsView(p, patch)), [setParams])
  const [analyzer] = useState(() => createPathAnalyzer())
  useEffect(() => () => analyzer.dispose(), [analyzer])
  const { a, b, labels } = useMemo(() => sides(view, window), [view, window])
  const A = usePathSide(a, analyzer)
  const B = usePathSide(b, analyzer)
  const aggA = A.state.aggregate
  const aggB = B.state.aggregate
  const comparison = useMemo(() => (aggA && aggB ? comparePaths(aggA, aggB) : null), [aggA, aggB])
  const entryLabel = view.service && view.operation ? `${view.service} ${view.operation}` : null

  return (
    <section className="page paths-page">
      <header className="paths-header">
        <div>
          <h1>Paths</h1>
          <p className="muted">Where an entry&apos;s time and load go: its sampled traces merged into one call tree, with real traffic estimated from the sampling rates.</p>
        </div>
        <PathsFilters key={params.toString()} view={view} services={services.data ?? []} onChange={setView} />
      </header>
      {services.isError ? <ErrorState title="Services could not be loaded" error={services.error} onRetry={() => void services.refetch()} /> : null}
      {!a && view.mode === 'sources' ? (
        <EmptyState title="Choose a service">
          Pick a service (for example mysql-orders) to see which entries its load comes from, by which path, with estimated rates beside the metrics&apos; exact ones.
        </EmptyState>
      ) : !a ? (
        <EmptyState title="Choose an entry">
          Pick a service and one of its operations (for example api-gateway · POST /api/checkout) to see the path its requests take, how often each call is made per request and where the time goes.
        </EmptyState>
      ) : (
        <>
          <SideStatus label={b ? labels[0] : 'Sample'} state={A.state} onCancel={A.cancel} onRestart={A.restart} />
          {b ? <SideStatus label={labels[1]} state={B.state} onCancel={B.cancel} onRestart={B.restart} /> : null}
          <PartialBanner partial={A.state.partial} what="The traces of this window" />
          {A.state.phase === 'error' ? (
            <ErrorState title="Traces could not be loaded" error={A.state.error} onRetry={A.restart} />
          ) : B.state.phase === 'error' ? (
            <ErrorState title={`${labels[1]} traces could not be loaded`} error={B.state.error} onRetry={B.restart} />
          ) : a.kind === 'sources' ? (
            A.state.sources ? (
              <SourcesView agg={A.state.sources} compareMetrics={view.tags.length === 0 && !view.status && view.minDuration === undefined && view.maxDuration === undefined} dc={view.dc} postTrace={A.state.postTrace} partial={A.state.partial !== null} />
            ) : A.state.phase === 'done' && A.state.listed === 0 ? (
              <EmptyState title="No traces">No complete sampled traces reach {view.service} in this window. Widen the window or loosen the conditions.</EmptyState>
            ) : (
              <LoadingState label="Finding where the traffic comes from…" minHeight={360} />
            )
          ) : !aggA || (b && !aggB) ? (
            A.state.phase === 'done' && A.state.listed === 0 ? (
              <EmptyState title="No traces">No complete sampled traces of {entryLabel} match in this window. Widen the window or loosen the conditions.</EmptyState>
            ) : (
              <LoadingState label="Analysing paths…" minHeight={360} />
            )
          ) : (
            <>
              <div className="paths-summary">
                <span>
                  <strong>{entryLabel}</strong>
                </span>
                {aggA.rps ? <span>≈ {formatRate(aggA.rps.value)} requests (est., ± {Math.round((196 * aggA.rps.se) / Math.max(1e-12, aggA.rps.value))} %)</span> : null}
                {!b && view.tags.length === 0 && !view.status && view.minDuration === undefined && view.maxDuration === undefined ? (
                  <EntryTraffic agg={aggA} dc={view.dc} postTrace={A.state.postTrace} partial={A.state.partial !== null} />
                ) : null}
                <span>mean {formatDuration(aggA.meanLatency.value)}</span>
                <span>
                  p50 {formatDuration(aggA.latency.p50)} · p99 {formatDuration(aggA.latency.p99)}
                </span>
                {comparison && aggB ? (
                  <span>
                    {labels[0]} − {labels[1]}: {comparison.latencyDelta >= 0 ? '+' : '−'}
                    {formatDuration(Math.abs(comparison.latencyDelta))} mean latency
                  </span>
                ) : null}
                <Link to={errorsHref({ service: view.service, dc: view.dc }, window)}>Error chains of this entry →</Link>
                {!comparison ? (
                  <span className="paths-switch" role="group" aria-label="Drawing">
                    <button type="button" className="btn btn-small" aria-pressed={view.show === 'tree'} onClick={() => setView({ show: 'tree' })}>
                      Tree
                    </button>
                    <button type="button" className="btn btn-small" aria-pressed={view.show === 'icicle'} onClick={() => setView({ show: 'icicle' })}>
                      Icicle
                    </button>
                    <button type="button" className="btn btn-small" aria-pressed={view.show === 'sankey'} onClick={() => setView({ show: 'sankey' })}>
                      Sankey
                    </button>
                  </span>
                ) : null}
              </div>
              {comparison ? <CompareTable c={comparison} labels={labels} window={window} /> : view.show === 'icicle' ? <Icicle agg={aggA} /> : view.show === 'sankey' ? <PathSankey agg={aggA} /> : <PathTree agg={aggA} />}
              {!comparison ? <WhatIfPanel agg={aggA} factor={view.whatIf} onChange={(f) => setView({ whatIf: f })} /> : null}
            </>
          )}
        </>
      )}
    </section>
  )
}
