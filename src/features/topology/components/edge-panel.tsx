import { Link } from 'react-router'
import type { Topology, TopologyEdge } from '../../../domain/model'
import type { ElementDiff } from '../../../domain/topology/baseline'
import { latencyNote, latencyPair } from '../../../domain/topology/latency-basis'
import { formatDuration, formatPercent, formatRate } from '../../../lib/format'
import { metricsHref, traceSearchHref } from '../../../lib/links'
import { BaselineDiffRow } from './baseline-diff-row'
import { RedSparklines } from './red-sparklines'
import { SilenceNote } from './silence-note'

export interface EdgePanelProps {
  edge: TopologyEdge
  topology: Topology
  /** callee calls per entry call, when a what-if entry is chosen */
  ratioPerEntry: { entry: string; ratio: number } | null
  diff: ElementDiff | undefined
  baselineLabel: string | null
  carry: string
}

/** A call (client → server): its stats, call ratio, baseline change and "traces of this call". */
export function EdgePanel({ edge, topology, ratioPerEntry, diff, baselineLabel, carry }: EdgePanelProps) {
  const caller = topology.nodes.find((n) => n.id === edge.source)
  const callee = topology.nodes.find((n) => n.id === edge.target)
  const from = caller?.service ?? edge.source
  const to = callee?.service ?? edge.target
  const perCall = caller && caller.rps > 0 ? edge.rps / caller.rps : null
  const tags = [{ key: 'ToService', value: to }]
  // metrics are recorded by the server: the callee's requests that came from the caller
  const fromCaller = [{ key: 'FromService', value: from }]
  return (
    <>
      <SilenceNote silent={edge.silent} windowMs={topology.to - topology.from} />
      <dl className="topo-stats">
        <div><dt>Protocol</dt><dd>{edge.protocol}</dd></div>
        <div><dt>Rate</dt><dd className="num">{formatRate(edge.rps)}</dd></div>
        <div><dt>Errors</dt>{edge.errorsUnknown ? <dd className="muted">not reported</dd> : <dd className={`num${edge.errorRate >= 0.01 ? ' err-text' : ''}`}>{formatPercent(edge.errorRate)}</dd>}</div>
        <div title={latencyNote(edge) ?? undefined}><dt>p50 / p99</dt><dd className="num">{latencyPair(edge, formatDuration)}</dd></div>
        <div><dt>Calls per {from} request</dt><dd className="num">{perCall === null ? '–' : perCall.toFixed(2)}</dd></div>
        {ratioPerEntry ? (
          <div><dt>Calls per {ratioPerEntry.entry} request</dt><dd className="num">{ratioPerEntry.ratio.toFixed(2)}</dd></div>
        ) : null}
        {diff ? <BaselineDiffRow diff={diff} label={baselineLabel} what="call" /> : null}
      </dl>
      <nav className="topo-links" aria-label={`Links for the call ${from} to ${to}`}>
        <Link className="btn" to={traceSearchHref({ service: from, tags }, carry)}>Traces of this call</Link>
        <Link className="btn" to={traceSearchHref({ service: from, tags, status: 'error' }, carry)}>Failed calls</Link>
        <Link className="btn" to={metricsHref({ service: to, filters: fromCaller }, carry)}>Metrics</Link>
      </nav>
      <p className="muted topo-spark-caption">{to}, requests from {from}</p>
      <RedSparklines service={to} filters={fromCaller} window={{ from: topology.from, to: topology.to }} />
    </>
  )
}
