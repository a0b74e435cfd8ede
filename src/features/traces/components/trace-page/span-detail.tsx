import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { traceQueries } from '../../../../api/queries/traces'
import { useDataSource } from '../../../../api/source-context'
import type { HopRole } from '../../../../domain/error-chain/types'
import { groupTags } from '../../../../domain/trace/detail'
import { selfTimeOf } from '../../../../domain/trace/timing'
import type { TraceTree } from '../../../../domain/trace/tree'
import { formatClock, formatDuration } from '../../../../lib/format'
import { errorsHref, metricsHref, topologyHref } from '../../../../lib/links'
import { useServiceColor } from '../../../../ui/service-colors'
import { ErrorState, LoadingState } from '../../../../ui/states'
import { FoldedValue } from './folded-value'
import { MissingCallsText, SelfTimeText } from './posttrace-text'
import { ROLE_MARK } from '../../lib/trace-page/role-marks'
import { useCarry } from '../../../../ui/time-range/use-carry'
import { UserText } from '../../../../ui/user-text'

export interface SpanDetailProps {
  tree: TraceTree
  node: number
  fromFile: boolean
  role: HopRole | null
  /** origin span id of the chain this span takes part in */
  chainOrigin: string | null
  chainHref: string | null
  onClose: () => void
}

export function SpanDetail({ tree, node, fromFile, role, chainOrigin, chainHref, onClose }: SpanDetailProps) {
  const serviceColor = useServiceColor()
  const carry = useCarry()
  const n = tree.nodes[node]
  const span = n.span
  if (!span) {
    return (
      <aside className="tp-detail panel" aria-label="Span detail">
        <div className="panel-header">
          <h2>{n.kind === 'missing-parent' ? 'Missing parent' : 'Missing calls'}</h2>
          <button type="button" className="btn btn-ghost tp-close" onClick={onClose} aria-label="Close detail">
            ✕
          </button>
        </div>
        <div className="panel-body">
          {n.kind === 'missing-parent' ? (
            `The spans below name a parent (${n.key.slice('~missing-parent:'.length)}) that is not in this trace: it was lost or never sent.`
          ) : (
            <MissingCallsText tree={tree} node={node} />
          )}
        </div>
      </aside>
    )
  }
  const offset = n.start - tree.start
  return (
    <aside className="tp-detail panel" aria-label="Span detail" data-testid="span-detail">
      <div className="panel-header">
        <span className="service-swatch" style={{ background: serviceColor(span.service) }} aria-hidden="true" />
        <h2 className="tp-detail-title">
          <UserText text={span.service} /> <UserText className="tp-title-op" text={span.name} />
        </h2>
        <button type="button" className="btn btn-ghost tp-close" onClick={onClose} aria-label="Close detail">
          ✕
        </button>
      </div>
      <div className="panel-body tp-detail-body">
        <dl className="tp-kv">
          <dt>Kind</dt>
          <dd>{span.kind}</dd>
          <dt>Status</dt>
          <dd className={n.isError ? 'err-text' : undefined}>{n.isError ? 'failed' : span.status}</dd>
          <dt>Start</dt>
          <dd className="tabular">
            +{formatDuration(offset)} <span className="muted">({formatClock(n.start / 1000, true)})</span>
          </dd>
          <dt>Duration</dt>
          <dd className="tabular">{formatDuration(n.duration)}</dd>
          <dt>Self time</dt>
          <dd className="tabular">
            <SelfTimeText self={selfTimeOf(tree, node)} />
          </dd>
          {n.skewShift !== 0 ? (
            <>
              <dt>Clock skew</dt>
              <dd>
                moved {n.skewShift > 0 ? 'later' : 'earlier'} by {formatDuration(Math.abs(n.skewShift))} to fit inside its parent
              </dd>
            </>
          ) : null}
          {role ? (
            <>
              <dt>Error chain</dt>
              <dd>
                <span aria-hidden="true">{ROLE_MARK[role].icon}</span> {ROLE_MARK[role].label}
              </dd>
            </>
          ) : null}
          {n.isTrigger ? (
            <>
              <dt>PostTrace</dt>
              <dd>capture of this trace was triggered here</dd>
            </>
          ) : null}
          <dt>Span id</dt>
          <dd>
            <code>{span.spanId}</code>
          </dd>
        </dl>
        <nav className="tp-detail-links" aria-label="Related views">
          <Link to={metricsHref({ service: span.service, operation: span.name, at: span.startTime / 1000 }, carry)}>Metrics of this operation</Link>
          <Link to={topologyHref({ focus: span.service }, carry)}><UserText text={span.service} /> in the topology</Link>
          {chainOrigin ? <Link to={errorsHref({ service: span.service, origin: chainOrigin }, carry)}>Error chains like this</Link> : null}
          {chainHref ? <Link to={chainHref}>Highlight its error chain</Link> : null}
        </nav>
        {groupTags(span).map((g) => (
          <section key={g.name} className="tp-section">
            <h3>{g.name}</h3>
            <table className="table tp-tags">
              <tbody>
                {g.entries.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">
                      <FoldedValue value={k} />
                    </th>
                    <td>
                      <FoldedValue value={String(v)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        {span.events.length > 0 ? (
          <section className="tp-section">
            <h3>Events ({span.events.length})</h3>
            <ol className="tp-events">
              {span.events.map((ev, i) => (
                <li key={i} className={ev.name === 'panic' || ev.name === 'exception' ? 'tp-event is-err' : 'tp-event'}>
                  <div className="tp-event-head">
                    <strong>
                      <FoldedValue value={ev.name} />
                    </strong>
                    <span className="muted tabular">+{formatDuration(ev.time + (n.start - span.startTime) - tree.start)}</span>
                  </div>
                  <dl className="tp-kv">
                    {Object.entries(ev.attributes).map(([k, v]) => (
                      <div key={k} className="tp-kv-row">
                        <dt>{k}</dt>
                        <dd>
                          <FoldedValue value={String(v)} pre={typeof v === 'string' && v.includes('\n')} />
                        </dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {fromFile ? null : <SpanLogs traceId={span.traceId} spanId={span.spanId} />}
      </div>
    </aside>
  )
}

function SpanLogs({ traceId, spanId }: { traceId: string; spanId: string }) {
  const source = useDataSource()
  const served = source.capabilities.logs
  // a source without logs (Jaeger, Tempo) is not asked: its absence is not an error
  const logs = useQuery({ ...traceQueries.logs(source, traceId, spanId), enabled: served })
  if (!served) {
    return (
      <section className="tp-section">
        <h3>Log lines</h3>
        <p className="muted" data-testid="logs-not-served">
          {source.label} does not serve log lines, so none are shown for this span.
        </p>
      </section>
    )
  }
  return (
    <section className="tp-section">
      <h3>Log lines</h3>
      {logs.isPending ? <LoadingState label="Loading log lines…" minHeight={40} /> : null}
      {logs.isError ? <ErrorState title="Log lines could not be loaded" error={logs.error} onRetry={() => void logs.refetch()} /> : null}
      {logs.data && logs.data.length === 0 ? <p className="muted">No log lines carry this span id.</p> : null}
      {logs.data && logs.data.length > 0 ? (
        <ul className="tp-logs">
          {logs.data.map((l, i) => (
            <li key={i}>
              <span className="muted tabular">{formatClock(l.time / 1000, true)}</span>{' '}
              <span className={l.level === 'error' || l.level === 'fatal' ? 'badge badge-error' : 'badge'}>{l.level}</span>{' '}
              <FoldedValue value={l.message} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
