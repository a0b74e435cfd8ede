import { useMemo } from 'react'
import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { eventQueries } from '../../../api/queries/events'
import { topologyQueries } from '../../../api/queries/topology'
import { useDataSource } from '../../../api/source-context'
import { METRIC_NAMES } from '../../../domain/model'
import type { Alert, ChangeEvent, MetricName, Topology } from '../../../domain/model'
import { errorRateMovers, latencyMovers, MIN_CALLS, MIN_P99_RATIO, MIN_Z } from '../../../domain/now/movers'
import type { Mover, ServiceFigures } from '../../../domain/now/movers'
import { formatClockZoned, formatDuration, formatInteger, formatOtherZone, formatAbsoluteZoned, formatPercent, formatRelative, formatWindow } from '../../../lib/format'
import { errorsHref, metricsHref, topologyHref } from '../../../lib/links'
import { EmptyState, ErrorState, LoadingState, PartialBanner } from '../../../ui/states'
import { useCarry } from '../../../ui/time-range/use-carry'
import { useTimeWindow } from '../../../ui/time-range/use-time-window'
import '../home.css'

const DAY_MS = 86_400_000

/** One figure per service (the topology grouped by service), for the comparison with yesterday. */
function figures(t: Topology | undefined): ServiceFigures[] {
  return (t?.nodes ?? []).map((n) => ({ service: n.service, rps: n.rps, errorRate: n.errorRate, p99: n.p99, errorsUnknown: n.errorsUnknown }))
}

const isMetric = (m: string): m is MetricName => (METRIC_NAMES as readonly string[]).includes(m)

/** A metrics link that opens one chart of a service. */
function chartHref(service: string, chart: MetricName | null, carry: string, at?: number): string {
  const href = metricsHref({ service, at }, carry)
  if (!chart) return href
  const url = new URL(href, 'http://x')
  url.searchParams.set('chart', chart)
  return `${url.pathname}?${url.searchParams.toString()}`
}

/**
 * The landing page: what is happening now, each item one click from where to look next: firing
 * alerts, recent changes, the services whose error rate or latency moved most against the same
 * window yesterday, and data centres that did not answer.
 */
export function HomeRoute() {
  const source = useDataSource()
  const carry = useCarry()
  const { window } = useTimeWindow()
  const windowSec = (window.to - window.from) / 1000
  const now = useQuery(topologyQueries.graph(source, { ...window, groupBy: 'service' }))
  const then = useQuery(topologyQueries.graph(source, { from: window.from - DAY_MS, to: window.to - DAY_MS, groupBy: 'service' }))
  const alerts = useQuery(eventQueries.alerts(source, window))
  const changes = useQuery(eventQueries.changes(source, window))
  const firing = useMemo(() => (alerts.data ?? []).filter((a) => a.endsAt === null || a.endsAt > window.to).sort((a, b) => (a.severity === b.severity ? b.startsAt - a.startsAt : a.severity === 'critical' ? -1 : 1)), [alerts.data, window.to])
  const recent = useMemo(() => [...(changes.data ?? [])].sort((a, b) => b.time - a.time), [changes.data])
  const errMovers = useMemo(() => (now.data && then.data ? errorRateMovers(figures(now.data), figures(then.data), windowSec) : []), [now.data, then.data, windowSec])
  const latMovers = useMemo(() => (now.data && then.data ? latencyMovers(figures(now.data), figures(then.data), windowSec) : []), [now.data, then.data, windowSec])

  return (
    <section className="page home-page" aria-labelledby="home-title">
      <header className="home-header">
        <h1 id="home-title">What is happening now</h1>
        <p className="muted">
          {formatWindow(window.from, window.to)}, against the same window yesterday. Each item opens where to look next.
        </p>
      </header>
      <PartialBanner partial={now.data?.partial} what="The figures below" />
      {now.data?.partial ? (
        <p className="home-partial-link">
          <Link to={topologyHref({}, carry)}>See which services went silent in the topology</Link>
        </p>
      ) : null}
      <div className="home-grid">
        <ListCard
          id="home-alerts"
          testId="home-alerts"
          title="Firing alerts"
          query={alerts}
          items={firing}
          what="alerts"
          empty={<EmptyState title="No alert is firing">Nothing the alerting rules watch is out of bounds in this window.</EmptyState>}
          render={(a) => <AlertItem key={a.id} alert={a} carry={carry} nowMs={window.to} />}
        />
        <ListCard
          id="home-changes"
          testId="home-changes"
          title="Changes in this window"
          query={changes}
          items={recent}
          what="changes"
          empty={<EmptyState title="No deploy or change in this window">Widen the time range at the top right to see earlier ones.</EmptyState>}
          render={(c) => <ChangeItem key={c.id} change={c} carry={carry} nowMs={window.to} />}
        />
        <section className="panel home-card" aria-labelledby="home-errors" data-testid="home-error-movers">
          <h2 id="home-errors" className="home-h2">Error rate moved against yesterday</h2>
          <MoverList
            query={now.isPending || then.isPending ? 'pending' : now.isError ? now.error : then.isError ? then.error : 'ok'}
            movers={errMovers}
            empty={`No service's error rate moved beyond chance (${MIN_Z} standard errors of the calls' proportions).`}
            render={(m) => (
              <>
                <Link to={chartHref(m.service, 'error_rate', carry)} className="home-svc">{m.service}</Link>
                <span className={m.now > m.then ? 'err-text num' : 'num'}>{formatPercent(m.now)}</span>
                <span className="muted num">yesterday {formatPercent(m.then)}</span>
              </>
            )}
            basis={(m) => `${formatInteger(m.callsNow)} calls now, ${formatInteger(m.callsThen)} yesterday; ${Math.abs(m.strength).toFixed(0)} standard errors`}
          />
          <p className="muted home-note">
            <Link to={errorsHref({}, carry)}>Error chains of this window</Link>: where the errors start and which requests they hit.
          </p>
        </section>
        <section className="panel home-card" aria-labelledby="home-latency" data-testid="home-latency-movers">
          <h2 id="home-latency" className="home-h2">p99 latency moved against yesterday</h2>
          <MoverList
            query={now.isPending || then.isPending ? 'pending' : now.isError ? now.error : then.isError ? then.error : 'ok'}
            movers={latMovers}
            empty={`No service's p99 moved by ×${MIN_P99_RATIO} or more (on at least ${MIN_CALLS} calls each day).`}
            render={(m) => (
              <>
                <Link to={chartHref(m.service, 'latency_p99', carry)} className="home-svc">{m.service}</Link>
                <span className="num">{formatDuration(m.now)}</span>
                <span className="muted num">
                  yesterday {formatDuration(m.then)} (×{m.strength >= 10 ? m.strength.toFixed(0) : m.strength.toFixed(1)})
                </span>
              </>
            )}
            basis={(m) => `p99 of the service's calls over the window: ${formatInteger(m.callsNow)} calls now, ${formatInteger(m.callsThen)} yesterday`}
          />
        </section>
      </div>
    </section>
  )
}

function MoverList({ query, movers, empty, render, basis }: { query: 'pending' | 'ok' | Error; movers: Mover[]; empty: string; render: (m: Mover) => React.ReactNode; basis: (m: Mover) => string }) {
  if (query === 'pending') return <LoadingState label="Comparing with yesterday…" minHeight={80} />
  if (query !== 'ok') return <ErrorState title="The comparison could not be loaded" error={query} />
  if (movers.length === 0) return <p className="muted home-empty">{empty}</p>
  return (
    <ul className="home-list">
      {movers.map((m) => (
        <li key={m.service} className="home-mover" title={basis(m)}>
          {render(m)}
        </li>
      ))}
    </ul>
  )
}

function AlertItem({ alert: a, carry, nowMs }: { alert: Alert; carry: string; nowMs: number }) {
  return (
    <li className="home-item">
      <span className={`badge ${a.severity === 'critical' ? 'badge-error' : 'badge-warn'}`}>{a.severity}</span>
      <Link to={chartHref(a.service, isMetric(a.metric) ? a.metric : null, carry)} className="home-svc">
        {a.service}
      </Link>
      <span className="home-what">{a.summary}</span>
      <span className="muted home-when" title={`${formatAbsoluteZoned(a.startsAt)} · ${formatOtherZone(a.startsAt)}`}>
        since {formatClockZoned(a.startsAt)} ({formatRelative(a.startsAt, nowMs)})
      </span>
    </li>
  )
}

function ChangeItem({ change: c, carry, nowMs }: { change: ChangeEvent; carry: string; nowMs: number }) {
  const where = [c.dc, c.cluster].filter(Boolean).join(' / ')
  return (
    <li className="home-item">
      <span className="badge">{c.kind}</span>
      <Link to={chartHref(c.service, 'error_rate', carry, c.time)} className="home-svc" title="Its metrics, with the change marked">
        {c.service}
      </Link>
      <span className="home-what">
        {c.description}
        {c.version ? <> · {c.version}</> : null}
        {c.deployStage ? <> · {c.deployStage}</> : null}
        {where ? <span className="muted"> · {where}</span> : null}
      </span>
      <span className="muted home-when" title={`${formatAbsoluteZoned(c.time)} · ${formatOtherZone(c.time)}`}>
        {formatClockZoned(c.time)} ({formatRelative(c.time, nowMs)})
      </span>
    </li>
  )
}

/** A card listing what one query found, with its loading, failed and empty states. */
function ListCard<T>(p: {
  id: string
  testId: string
  title: string
  query: { data: unknown; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }
  items: readonly T[]
  /** the plural noun in "Loading alerts…" and "Alerts could not be loaded" */
  what: string
  empty: ReactNode
  render: (item: T) => ReactNode
}) {
  const { query } = p
  const What = p.what.charAt(0).toUpperCase() + p.what.slice(1)
  return (
    <section className="panel home-card" aria-labelledby={p.id} data-testid={p.testId}>
      <h2 id={p.id} className="home-h2">
        {p.title} {query.data ? <span className="muted">({p.items.length})</span> : null}
      </h2>
      {query.isPending ? (
        <LoadingState label={`Loading ${p.what}…`} minHeight={80} />
      ) : query.isError ? (
        <ErrorState title={`${What} could not be loaded`} error={query.error} onRetry={() => void query.refetch()} />
      ) : p.items.length === 0 ? (
        p.empty
      ) : (
        <ul className="home-list">{p.items.map(p.render)}</ul>
      )}
    </section>
  )
}
