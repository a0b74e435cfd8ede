import type { Alert, ChangeEvent, Health, TopologyNode } from '../../../domain/model'
import { memberHealth } from '../../../domain/topology/grouping'
import { HEALTH_MARK } from '../../../domain/topology/health'
import { formatPercent, formatRate } from '../../../lib/format'
import { EventList } from './event-list'
import { NodeList } from './node-list'

export interface GroupPanelProps {
  group: TopologyNode
  health: Health
  /** the group's members as the answer has them */
  members: readonly TopologyNode[]
  memberHealth: ReadonlyMap<string, Health>
  changes: ChangeEvent[]
  alerts: Alert[]
  nowMs: number
  onFocus: (focus: string) => void
  onSelectMember: (id: string) => void
  found: ReadonlySet<string>
}

/** A collapsed group: its health in numbers, its members (problems first), and their alerts and changes. */
export function GroupPanel({ group, health, members, memberHealth: memberHealthMap, changes, alerts, nowMs, onFocus, onSelectMember, found }: GroupPanelProps) {
  const services = new Set(members.map((m) => m.service))
  const mine = { changes: changes.filter((c) => services.has(c.service)), alerts: alerts.filter((a) => services.has(a.service)) }
  const m = memberHealth(members, memberHealthMap)
  const mark = HEALTH_MARK[health]
  const worst = HEALTH_MARK[m.worst]
  return (
    <>
      <p className={`topo-health topo-health-${health}`} data-testid="group-health">
        <span className={`topo-swatch topo-shape-${health}`} aria-hidden="true">{mark.glyph}</span>
        {group.errorsUnknown === true ? `${mark.label}: errors are not reported for all its members` : `${mark.label} on its own error rate (${formatPercent(group.errorRate)} of all its members’ calls)`}
      </p>
      <p className="topo-health-members" data-testid="group-members-health">
        {m.worstMember ? (
          <>
            Worst member: <span className={`topo-swatch topo-shape-${m.worst}`} aria-hidden="true">{worst.glyph}</span> {m.worstMember} {worst.label.toLowerCase()} ·{' '}
          </>
        ) : null}
        {members.length} {members.length === 1 ? 'member' : 'members'}: {m.counts.critical} critical, {m.counts.warning} warning, {m.counts.unknown} unknown, {m.counts.ok} healthy
      </p>
      <dl className="topo-stats">
        <div><dt>Rate (sum)</dt><dd className="num">{formatRate(group.rps)}</dd></div>
        <div><dt>Errors (weighted by rate)</dt>{group.errorsUnknown === true ? <dd className="muted">not reported</dd> : <dd className="num">{formatPercent(group.errorRate)}</dd>}</div>
      </dl>
      <nav className="topo-links" aria-label={`Links for ${group.label}`}>
        <button type="button" className="btn" onClick={() => onFocus(group.id)}>Draw this group’s members</button>
      </nav>
      <h3 className="topo-h3">Alerts and changes of its members</h3>
      <EventList changes={mine.changes} alerts={mine.alerts} nowMs={nowMs} withService />
      <h3 className="topo-h3">Members</h3>
      <NodeList nodes={[...members]} health={memberHealthMap} selectedId={null} found={found} onSelect={onSelectMember} />
    </>
  )
}
