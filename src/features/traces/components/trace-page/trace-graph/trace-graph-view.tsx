import { useMemo, useState } from 'react'
import type { Trace } from '../../../../../domain/model'
import type { TraceTree } from '../../../../../domain/trace/tree'
import type { TraceGraph } from '../../../../../domain/trace/trace-graph'
import { formatDuration, formatInteger } from '../../../../../lib/format'
import { GraphView } from '../../../../../ui/graph/graph-view'
import type { GraphSelection } from '../../../../../ui/graph/graph-view'
import { ErrorState, LoadingState } from '../../../../../ui/states'
import { useServiceColor } from '../../../../../ui/service-colors'
import { useTokens, type TokenSpec } from '../../../../../ui/theme'
import { traceGraphOf } from '../../../lib/analysis/analysis-client'
import { useAnalysis } from '../../../hooks/use-analysis'
import type { ViewUrlPatch, ViewUrlState } from '../../../hooks/use-view-url'
import { graphElements, graphStylesheet, nodeHealth, nodeName } from '../../../lib/trace-graph/graph-elements'
import type { TraceGraphPalette } from '../../../lib/trace-graph/graph-elements'
import './trace-graph.css'

const PALETTE = {
  fg: ['--fg', '#1b1f27'],
  bg: ['--bg', '#f6f7f9'],
  border: ['--border-strong', '#aab1bd'],
  crit: ['--crit', '#c21f2c'],
  warn: ['--warn', '#8a5a00'],
  ok: ['--ok', '#1d7a3e'],
  unknown: ['--unknown', '#5f6673'],
  critical: ['--critical-path', '#d97706'],
  accent: ['--accent', '#1f5fd1'],
  font: ['--font', 'sans-serif'],
} as const satisfies TokenSpec

export interface TraceGraphViewProps {
  trace: Trace
  tree: TraceTree
  adjustSkew: boolean
  view: ViewUrlState
  update: (patch: ViewUrlPatch) => void
}

/**
 * What the graph holds: the services (or operations) that have spans in the trace, then those known
 * only from their callers' spans (not captured), counted apart so the first figure is the trace's own.
 */
function summaryText(graph: TraceGraph, group: TraceGraph['group']): string {
  const captured = graph.nodes.filter((n) => !n.inferred).length
  const inferred = graph.nodes.length - captured
  const what = group === 'service' ? 'services' : 'operations'
  const plus = inferred > 0 ? ` and ${formatInteger(inferred)} ${inferred === 1 ? 'callee' : 'callees'} not captured` : ''
  return `${formatInteger(captured)} ${what}${plus}, ${formatInteger(graph.edges.length)} calls between them, from ${formatInteger(graph.spanCount)} spans`
}

/** The trace's own service graph: services (or operations) as nodes, calls as edges, the error chain in red. */
export function TraceGraphView({ trace, tree, adjustSkew, view, update }: TraceGraphViewProps) {
  const state = useAnalysis(`${trace.traceId}|${tree.spanCount}|${adjustSkew}|${view.graphGroup}`, () => traceGraphOf(trace, adjustSkew, view.graphGroup, tree))
  const palette: TraceGraphPalette = useTokens(PALETTE)
  const colorOf = useServiceColor()
  const [selected, setSelected] = useState<GraphSelection>(null)
  const graph = state.status === 'done' ? state.value : null
  const elements = useMemo(() => (graph ? graphElements(graph) : []), [graph])
  const stylesheet = useMemo(() => (graph ? graphStylesheet(graph, palette, colorOf) : []), [graph, palette, colorOf])
  const nodes = useMemo(() => (graph ? [...graph.nodes].sort((a, b) => b.self - a.self) : []), [graph])
  const edges = useMemo(() => (graph ? [...graph.edges].sort((a, b) => Number(b.inChain) - Number(a.inChain) || b.calls - a.calls) : []), [graph])
  const names = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, nodeName(n)])), [graph])
  return (
    <section className="tgraph" aria-label="Service graph of this trace">
      <div className="flame-controls" role="toolbar" aria-label="Service graph controls">
        <div className="tp-group">
          <button type="button" className="btn" aria-pressed={view.graphGroup === 'service'} onClick={() => update({ graphGroup: 'service' })}>
            Services
          </button>
          <button type="button" className="btn" aria-pressed={view.graphGroup === 'operation'} onClick={() => update({ graphGroup: 'operation' })}>
            Service + operation
          </button>
        </div>
        {graph ? (
          <span className="muted" data-testid="tgraph-summary">
            {summaryText(graph, view.graphGroup)}
          </span>
        ) : null}
        <span className="tgraph-legend muted">
          <span><span className="flame-key tgraph-key-chain" /> error chain</span>
          <span><span className="flame-key flame-key-crit" /> critical path</span>
          <span>node size: self time · ✖ ▲ failed share ≥ 5 % / ≥ 1 % · dashed: async · dotted: callee not captured</span>
        </span>
      </div>
      {state.status === 'working' ? <LoadingState label={`Working out the service graph of ${formatInteger(tree.spanCount)} spans…`} minHeight={320} /> : null}
      {state.status === 'failed' ? <ErrorState title="The service graph could not be worked out" error={new Error(state.message)} /> : null}
      {graph ? (
        <div className="tgraph-body">
          <div className="tgraph-canvas">
            <GraphView
              elements={elements}
              stylesheet={stylesheet}
              layout="layered"
              layoutKey={`${trace.traceId}|${view.graphGroup}|${adjustSkew}`}
              storageKey={`tracelens.trace-graph.${trace.traceId}.${view.graphGroup}`}
              selected={selected}
              onSelect={setSelected}
              ariaLabel={`Service graph of this trace: ${graph.nodes.length} nodes and ${graph.edges.length} edges; listed in the tables beside it`}
              large={elements.length > 400}
            />
          </div>
          <div className="tgraph-tables">
            <table className="table" aria-label="Nodes of the trace graph">
              <thead>
                <tr><th scope="col">{view.graphGroup === 'service' ? 'Service' : 'Operation'}</th><th className="num" scope="col">Spans</th><th className="num" scope="col">Self</th><th className="num" scope="col">Total</th><th className="num" scope="col">Errors</th></tr>
              </thead>
              <tbody>
                {nodes.map((n) => (
                  <tr key={n.id} className={selected?.id === n.id ? 'is-selected' : undefined} onClick={() => setSelected({ kind: 'node', id: n.id })}>
                    <td>
                      <span className="service-swatch" style={{ background: colorOf(n.service) }} aria-hidden="true" />{' '}
                      {n.origin ? <span className="badge badge-error" title="The trace's error chain started here">origin</span> : null} {nodeName(n)}
                      {nodeHealth(n) === 'unknown' ? <span className="muted"> (not captured)</span> : null}
                    </td>
                    <td className="num">{formatInteger(n.spans)}</td>
                    <td className="num">{formatDuration(n.self)}{n.unaccounted > 0 ? <span className="muted" title="PostTrace: time before the trigger not covered by captured calls"> +≤{formatDuration(n.unaccounted)}</span> : null}</td>
                    <td className="num">{formatDuration(n.total)}</td>
                    <td className={n.errors ? 'num err-text' : 'num'}>{formatInteger(n.errors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table" aria-label="Calls of the trace graph">
              <thead>
                <tr><th scope="col">Call</th><th className="num" scope="col">Calls</th><th className="num" scope="col">Total</th><th className="num" scope="col">Callee self</th><th className="num" scope="col">Errors</th></tr>
              </thead>
              <tbody>
                {edges.map((e) => (
                  <tr key={e.id} className={[e.inChain ? 'tgraph-chain' : '', selected?.id === e.id ? 'is-selected' : ''].join(' ')} onClick={() => setSelected({ kind: 'edge', id: e.id })}>
                    <td>
                      {names.get(e.source)} → {names.get(e.target)}
                      {e.inChain ? <span className="badge badge-error">error chain</span> : null}
                      {e.async ? <span className="badge">async</span> : null}
                      {e.inferred ? <span className="badge" title="No span of the callee was captured: the call is known from the caller's client spans">callee not captured</span> : null}
                    </td>
                    <td className="num">{formatInteger(e.calls)}</td>
                    <td className="num">{formatDuration(e.total)}</td>
                    <td className="num">{e.inferred ? '—' : formatDuration(e.self)}</td>
                    <td className={e.errors ? 'num err-text' : 'num'}>{formatInteger(e.errors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  )
}
