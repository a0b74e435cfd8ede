import { Link } from 'react-router'
import type { Alert, ChangeEvent, Health, Topology, TopologyNode } from '../../../domain/model'
import type { ElementDiff } from '../../../domain/topology/baseline'
import { HEALTH_MARK } from '../../../domain/topology/health'
import type { WhatIfNode } from '../../../domain/topology/what-if'
import { neighboursOf } from '../../../domain/topology/view-model'
import { latencyNote, latencyPair } from '../../../domain/topology/latency-basis'
import { formatDuration, formatPercent, formatRate } from '../../../lib/format'
import { errorsHref, metricsHref, traceSearchHref } from '../../../lib/links'
import { BaselineDiffRow } from './baseline-diff-row'
import { CallTable } from './call-table'
import { EventList } from './event-list'
import { RedSparklines } from './red-sparklines'
import { SilenceNote } from './silence-note'

export interface NodePanelProps {
  node: TopologyNode
  health: Health
  topology: Topology
  changes: ChangeEvent[]
  alerts: Alert[]
  whatIf: WhatIfNode | undefined
  diff: ElementDiff | undefined
  baselineLabel: string | null
  carry: string
  onSelectEdge: (id: string) => void
  onFocus: (service: string) => void
}

/** A service (or method, or service in a DC/cluster): RED, callers and callees, events, links. */
export function NodePanel({ node, health, topology, changes, alerts, whatIf, diff, baselineLabel, carry, onSelectEdge, onFocus }: NodePanelProps) {
  const { callers, callees } = neighboursOf(topology, node.id)
  const mark = HEALTH_MARK[health]
  const filters = [
    ...(node.dc ? [{ key: 'DC', value: node.dc }] : []),
    ...(node.cluster ? [{ key: 'Cluster', value: node.cluster }] : []),
  ]
  return (
    <>
      <p className={`topo-health topo-health-${health}`}>
        <span className={`topo-swatch topo-shape-${health}`} aria-hidden="true">{mark.glyph}</span>
        {mark.label}
        {node.method ? <span className="muted"> · method {node.method}</span> : null}
        {node.dc ? <span className="muted"> · {node.dc}</span> : null}
        {node.cluster ? <span className="muted"> · {node.cluster}</span> : null}
      </p>
      <SilenceNote silent={node.silent} windowMs={topology.to - topology.from} />
      <dl className="topo-stats">
        <div><dt>Rate</dt><dd className="num">{formatRate(node.rps)}</dd></div>
        <div><dt>Errors</dt>{node.errorsUnknown ? <dd className="muted">not reported</dd> : <dd className={`num${node.errorRate >= 0.01 ? ' err-text' : ''}`}>{formatPercent(node.errorRate)}</dd>}</div>
        <div title={latencyNote(node) ?? undefined}><dt>p50 / p99</dt><dd className="num" data-testid="node-latency">{latencyPair(node, formatDuration)}</dd></div>
        {/* a source that knows no peak gives the window's rate, shown above: no row that would call it a peak */}
        {node.peakIsWindowRate === true ? null : <div><dt>Peak (1 d)</dt><dd className="num">{formatRate(node.peakRps)}</dd></div>}
        {node.capacityRps !== null ? <div><dt>Capacity (declared)</dt><dd className="num">{formatRate(node.capacityRps)}{node.method ? ' (service)' : ''}</dd></div> : null}
        {whatIf ? (
          <div className={whatIf.over ? 'topo-over-text' : undefined} data-testid="whatif-node">
            <dt>What-if</dt>
            <dd className="num">
              {formatRate(whatIf.expectedRps)} · {formatPercent(whatIf.capacityRps > 0 ? whatIf.load / whatIf.capacityRps : 0)} of {whatIf.capacitySource === 'declared' ? 'capacity' : node.peakIsWindowRate === true ? 'the window’s rate (no peak known)' : 'observed peak'}
              {whatIf.over ? ' · over capacity' : ''}
            </dd>
          </div>
        ) : null}
        {diff ? <BaselineDiffRow diff={diff} label={baselineLabel} what="service" /> : null}
      </dl>
      <nav className="topo-links" aria-label={`Links for ${node.service}`}>
        <Link className="btn" to={traceSearchHref({ service: node.service, dc: node.dc ?? undefined }, carry)}>Traces through {node.service}</Link>
        <Link className="btn" to={errorsHref({ service: node.service, dc: node.dc ?? undefined }, carry)}>Error chains</Link>
        <Link className="btn" to={metricsHref({ service: node.service, operation: node.method ?? undefined, filters }, carry)}>Metrics</Link>
        <button type="button" className="btn" onClick={() => onFocus(node.service)}>Focus here</button>
      </nav>
      <RedSparklines service={node.service} filters={filters.length ? filters : undefined} window={{ from: topology.from, to: topology.to }} />
      <CallTable title="Top callers" edges={callers} side="source" onSelectEdge={onSelectEdge} />
      <CallTable title="Top callees" edges={callees} side="target" onSelectEdge={onSelectEdge} />
      <h3 className="topo-h3">Changes and alerts</h3>
      <EventList changes={changes} alerts={alerts} nowMs={topology.to} />
    </>
  )
}
