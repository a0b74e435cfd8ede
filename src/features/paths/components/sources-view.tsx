import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { Link } from 'react-router'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import { sourcesFlow } from '../../../domain/paths/sources'
import type { SourceRow, SourcesAggregate } from '../../../domain/paths/sources'
import { checkRate, disagreementReasons, meanRate, meanRateBy } from '../../../domain/paths/traffic'
import type { Estimate } from '../../../domain/paths/moments'
import { formatCount, formatPercent, formatRate, plural, compactCount } from '../../../lib/format'
import { metricsHref, traceHref, traceSearchHref } from '../../../lib/links'
import { EChart } from '../../../ui/chart/echart'
import { useServiceColor } from '../../../ui/service-colors'
import { cssVar, useTheme } from '../../../ui/theme'
import { sourcesSankeyOption } from '../lib/sources-sankey-option'
import { useWidth } from '../hooks/use-width'
import { writePathsView } from '../lib/url'

const pm = (e: Estimate) => (e.value > 0 && e.se > 0 ? ` ± ${Math.max(1, Math.round((196 * e.se) / e.value))} %` : '')

/** An estimated rate with its interval; the window's calls when the source gives no sampling rates. */
function Rate({ row }: { row: SourceRow }) {
  return row.rps ? (
    <>
      {formatRate(row.rps.value)}
      <span className="muted">{pm(row.rps)}</span>
    </>
  ) : (
    <>
      {formatCount(row.calls.value)}
      <span className="muted"> calls</span>
    </>
  )
}

function Share({ row }: { row: SourceRow }) {
  return (
    <td className="paths-bar-cell" title={`${formatPercent(row.share.value)}${pm(row.share)} of the calls arriving (95 % interval)`}>
      <span className="paths-bar" style={{ width: `${Math.min(100, row.share.value * 100)}%` }} />
      <span className="paths-bar-text">{formatPercent(row.share.value)}</span>
    </td>
  )
}

const splitLevel = (level: string) => {
  const k = level.indexOf('::')
  return { service: k < 0 ? level : level.slice(0, k), operation: k < 0 ? '' : level.slice(k + 2) }
}

/** The metrics' exact rate beside the estimate, judged against the estimate's uncertainty. */
function Versus({ est, exact, reasons, pending }: { est: Estimate | null; exact: number | undefined; reasons: string[]; pending: boolean }) {
  if (pending) return <span className="muted">…</span>
  if (exact === undefined || !est) return <span className="muted">—</span>
  const c = checkRate(est, exact)
  return (
    <span title={c.beyond ? `Beyond the estimate's 95 % interval (${c.z.toFixed(1)} standard errors). May be because: ${reasons.join('; ')}` : `Within the estimate's 95 % interval (${c.z.toFixed(1)} standard errors)`}>
      {formatRate(exact)} · {c.difference >= 0 ? '+' : '−'}
      {formatPercent(Math.abs(c.difference))} {c.beyond ? <strong className="paths-beyond">beyond the interval</strong> : <span className="muted">within the interval</span>}
    </span>
  )
}

export interface SourcesViewProps {
  agg: SourcesAggregate
  /** the metrics count every request: compared only without trace conditions other than the DC */
  compareMetrics: boolean
  dc: string | undefined
  postTrace: number
  partial: boolean
}

/** Where a service's load comes from: entries, paths and calling services, beside the metrics' exact rates. */
export function SourcesView({ agg, compareMetrics, dc, postTrace, partial }: SourcesViewProps) {
  const source = useDataSource()
  const serviceColor = useServiceColor()
  const { theme } = useTheme()
  const window = { from: agg.from, to: agg.to }
  const { service, operation } = agg.target
  const enabled = compareMetrics && source.capabilities.metrics && agg.ratesKnown
  const base = { from: agg.from, to: agg.to, metric: 'request_rate' as const, service, operation, filters: dc ? [{ key: 'DC', value: dc }] : undefined }
  const total = useQuery({ ...metricQueries.range(source, base), enabled })
  const byCaller = useQuery({ ...metricQueries.range(source, { ...base, groupBy: 'FromService' }), enabled })
  const exactTotal = total.data ? (meanRate(total.data) ?? undefined) : undefined
  const exactBy = useMemo(() => (byCaller.data ? meanRateBy(byCaller.data, 'FromService') : null), [byCaller.data])
  const reasons = disagreementReasons({ modes: agg.modes, postTrace, partial, ratesKnown: agg.ratesKnown })
  const fg = useMemo(() => (theme === 'dark' || theme === 'light' ? cssVar('--fg') : ''), [theme])
  const flow = useMemo(() => sourcesFlow(agg), [agg])
  const [sankeyWidth, sankeyRef] = useWidth()
  const option = useMemo(() => sourcesSankeyOption(flow, { fg, service: serviceColor, width: sankeyWidth }), [flow, fg, serviceColor, sankeyWidth])
  const columns = Math.max(...[...new Set(flow.nodes.map((n) => n.depth))].map((d) => flow.nodes.filter((n) => n.depth === d).length), 1)
  const height = Math.min(520, Math.max(160, columns * 34 + 24))
  const pathsHref = (entry: string) => {
    const { service: s, operation: o } = splitLevel(entry)
    return `/paths?${writePathsView(new URLSearchParams(), { mode: 'paths', service: s, operation: o, dc }).toString()}`
  }
  const exactOfCaller = (key: string) => exactBy?.get(key === '' ? 'internet' : key) ?? (key === '' ? exactBy?.get('') : undefined)
  const target = `${service}${operation ? ` ${operation}` : ''}`

  return (
    <div className="paths-sources">
      <div className="paths-summary" data-testid="sources-summary">
        <span>
          <strong>{target}</strong>: {agg.all.rps ? <>≈ {formatRate(agg.all.rps.value)} calls arriving (est.{pm(agg.all.rps)}, {formatCount(agg.all.traces)} traces)</> : <>≈ {compactCount(agg.all.calls.value)} calls in the window from the analysed traces (no sampling rates)</>}
        </span>
        {enabled ? (
          <span data-testid="sources-metrics">
            metrics (exact): <Versus est={agg.all.rps} exact={exactTotal} reasons={reasons} pending={total.isPending} />
          </span>
        ) : !compareMetrics ? (
          <span className="muted">not compared with the metrics: the trace conditions select part of the requests</span>
        ) : null}
        <Link to={metricsHref({ service, operation }, window)}>Metrics of {service} →</Link>
      </div>
      {flow.links.length > 0 ? (
        <section className="panel" aria-labelledby="sources-flow-title">
          <header className="panel-header">
            <h2 id="sources-flow-title">From which entries, by which path</h2>
            <span className="muted">widths: calls arriving at {service} (estimated {flow.unit === 'rps' ? 'per second' : 'in the window'}); every path drawn</span>
          </header>
          <div ref={sankeyRef}>
            <EChart option={option} height={height} notMerge testId="sources-sankey" ariaLabel={`Traffic of ${target} from ${plural(agg.entries.length, 'entry', 'entries')}`} />
          </div>
        </section>
      ) : null}
      <div className="paths-sources-tables">
        <section className="panel" aria-labelledby="sources-callers-title">
          <header className="panel-header">
            <h2 id="sources-callers-title">Calling services (edges)</h2>
          </header>
          <table className="paths-table" aria-labelledby="sources-callers-title">
            <thead>
              <tr>
                <th scope="col">Caller → {service}</th>
                <th scope="col" className="num" title="Estimated real calls per second (± 95 % interval)">Calls/s (est.)</th>
                <th scope="col">Share</th>
                <th scope="col" title="The metrics' exact rate of the calls from this caller, and the difference from the estimate">Metrics (exact)</th>
              </tr>
            </thead>
            <tbody>
              {agg.callers.map((c) => (
                <tr key={c.key} data-caller={c.key}>
                  <td title={`${plural(c.traces, 'trace')}, ${plural(c.spans, 'call')} observed`}>{c.key === '' ? <span className="muted">(none: {service} is the entry)</span> : <span className="paths-svc">{c.key}</span>}</td>
                  <td className="num"><Rate row={c} /></td>
                  <Share row={c} />
                  <td className="paths-wrap">{enabled ? <Versus est={c.rps} exact={exactOfCaller(c.key)} reasons={reasons} pending={byCaller.isPending} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel" aria-labelledby="sources-entries-title">
          <header className="panel-header">
            <h2 id="sources-entries-title">Entries</h2>
          </header>
          <table className="paths-table" aria-labelledby="sources-entries-title">
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col" className="num" title="Estimated real calls per second arriving at the service from this entry (± 95 % interval)">Calls/s (est.)</th>
                <th scope="col">Share</th>
                <th scope="col" className="num">Errors</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {agg.entries.map((e) => {
                const { service: s, operation: o } = splitLevel(e.key)
                return (
                  <tr key={e.key} data-entry={e.key}>
                    <td title={`${plural(e.traces, 'trace')}, ${plural(e.spans, 'call')} observed`}>
                      <span className="paths-svc">{s}</span> <span className="paths-op">{o}</span>
                    </td>
                    <td className="num"><Rate row={e} /></td>
                    <Share row={e} />
                    <td className={`num${e.errorRate > 0 ? ' paths-err' : ''}`}>{e.errorRate > 0 ? formatPercent(e.errorRate) : '0 %'}</td>
                    <td>
                      <Link to={pathsHref(e.key)} title={`The path tree of ${s} ${o}`}>paths</Link>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      </div>
      <section className="panel" aria-labelledby="sources-paths-title">
        <header className="panel-header">
          <h2 id="sources-paths-title">Paths that lead to {service}</h2>
        </header>
        <div className="paths-table-wrap">
          <table className="paths-table" aria-labelledby="sources-paths-title">
            <thead>
              <tr>
                <th scope="col">Path from the entry</th>
                <th scope="col" className="num" title="Estimated real calls per second by this path (± 95 % interval)">Calls/s (est.)</th>
                <th scope="col">Share</th>
                <th scope="col" className="num">Errors</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {agg.paths.map((p) => (
                <tr key={p.key} data-path={p.key}>
                  <td className="paths-chain" title={`${plural(p.traces, 'trace')}, ${plural(p.spans, 'call')} observed`}>
                    {p.levels.map((l, i) => {
                      const { service: s, operation: o } = splitLevel(l)
                      return (
                        <span key={i}>
                          {i > 0 ? <span className="muted"> › </span> : null}
                          <span className="paths-svc">{s}</span> <span className="paths-op">{o}</span>
                        </span>
                      )
                    })}
                    {p.async ? <span className="paths-badge" title="Reached through async work (a message consumer)">async</span> : null}
                  </td>
                  <td className="num"><Rate row={p} /></td>
                  <Share row={p} />
                  <td className={`num${p.errorRate > 0 ? ' paths-err' : ''}`}>{p.errorRate > 0 ? formatPercent(p.errorRate) : '0 %'}</td>
                  <td>
                    <span className="paths-links">
                      <Link to={traceHref(p.example.traceId, { span: p.example.spanId }, window)} title={`Open a trace at a ${service} ${p.operation} call by this path`}>trace</Link>
                      <Link to={traceSearchHref({ service, operation: p.operation }, window)} title={`Traces with ${service} ${p.operation} in the window`}>traces</Link>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
