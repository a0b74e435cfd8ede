import { Link } from 'react-router'
import type { ChainGroup } from '../../../domain/error-chain/aggregate'
import { describeChange, describeLead } from '../../../domain/error-chain/root-cause'
import type { LeadingChange } from '../../../domain/error-chain/root-cause'
import { formatAbsoluteZoned, formatOtherZone, formatCount, formatPercent, formatVolume, formatRelative, formatInteger, plural } from '../../../lib/format'
import { traceHref } from '../../../lib/links'
import { HopPath } from './hop-path'
import { useCarry } from '../../../ui/time-range/use-carry'
import { UserText } from '../../../ui/user-text'

export interface ChainCardProps {
  group: ChainGroup
  rank: number
  change: LeadingChange | null
  nowMs: number
}

const TREND: Record<ChainGroup['trend'], { label: string; cls: string }> = {
  new: { label: 'New', cls: 'badge badge-new' },
  up: { label: '▲ Up', cls: 'badge badge-warn' },
  down: { label: '▼ Down', cls: 'badge badge-ok' },
  same: { label: '= Same', cls: 'badge' },
  gone: { label: 'Gone', cls: 'badge badge-ok' },
}

export function ChainCard({ group: g, rank, change, nowMs }: ChainCardProps) {
  const carry = useCarry()
  const trend = TREND[g.trend]
  const first = g.examples[0]
  return (
    <li className="errs-chain panel" data-testid="chain-card" aria-labelledby={`chain-${rank}`}>
      <div className="errs-chain-head">
        <span className="errs-rank num" aria-hidden="true">
          {rank}
        </span>
        <h3 id={`chain-${rank}`} className="errs-chain-title">
          <UserText text={g.originService} />:<UserText text={g.originOperation} /> <span className="muted">→</span> <UserText text={g.endService} />
          {g.reachedEntry ? (g.asyncEntry ? ' (async consumer)' : '') : ` (${g.stop.replace('-', ' ')})`}
        </h3>
        <span className={trend.cls} data-testid="chain-trend">
          {trend.label}
        </span>
      </div>
      <HopPath hops={g.hops} reachedEntry={g.reachedEntry} />
      <dl className="errs-facts">
        <div>
          <dt>In sample</dt>
          <dd className="num">
            {formatCount(g.count)} traces · {formatPercent(g.share)}
          </dd>
        </div>
        <div>
          <dt>{g.estimate.exact ? 'Error traces' : 'Estimated errors'}</dt>
          <dd className="num">{formatVolume(g.estimate)} now{g.estimate.exact ? ' (all error traces)' : ''}</dd>
        </div>
        <div>
          <dt>Yesterday, same window</dt>
          <dd className="num">
            {formatVolume(g.baseline)}{g.baseline.exact ? '' : ` (${formatCount(g.baselineCount)} traces)`}
          </dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>{g.firstSeen === null ? 'not in this window' : <time title={`${formatAbsoluteZoned(g.firstSeen)} · ${formatOtherZone(g.firstSeen)}`}>{formatRelative(g.firstSeen, nowMs)}</time>}</dd>
        </div>
      </dl>
      {change ? (
        <p className="errs-change" data-testid="chain-change">
          <span aria-hidden="true">⚑</span> <UserText text={change.change.service} />: {describeChange(change.change)} {describeLead(change.leadMs)}
          <span className="muted"> ({formatAbsoluteZoned(change.change.time)})</span>
        </p>
      ) : null}
      {g.hints.length > 0 ? (
        <ul className="errs-hints" aria-label="Over-represented at the origin">
          {g.hints.map((h) => (
            <li key={`${h.key}=${h.value}`} className="chip" title={`${formatPercent(h.baselineShare)} in the baseline`}>
              {formatPercent(h.selectionShare)} <UserText text={h.key} />=<UserText text={h.value} />
            </li>
          ))}
        </ul>
      ) : null}
      <p className="errs-capture muted">
        {g.count > 0 ? `${formatInteger(g.postTraceCount)} of ${plural(g.count, 'trace')} captured by PostTrace.` : 'Not seen in this window.'}
        {g.gaps.map((gap) => ` Missing in ${gap.count}: ${gap.detail}.`).join('')}
      </p>
      {first ? (
        <div className="errs-examples">
          <Link className="btn btn-primary" to={traceHref(first.traceId, { span: first.chainId, chain: first.chainId }, carry)}>
            Open example trace
          </Link>
          {g.examples.slice(1).map((e, i) => (
            <Link key={e.traceId} className="btn btn-ghost" to={traceHref(e.traceId, { span: e.chainId, chain: e.chainId }, carry)}>
              Example {i + 2}
              {e.postTrace ? ' (PostTrace)' : ''}
            </Link>
          ))}
        </div>
      ) : null}
    </li>
  )
}
