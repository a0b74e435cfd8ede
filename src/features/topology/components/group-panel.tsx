import type { Alert, ChangeEvent, Health, TopologyNode } from '../../../domain/model'
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
export function GroupPanel({ group, health, members, memberHealth, changes, alerts, nowMs, onFocus, onSelectMember, found }: GroupPanelProps) {
  const services = new Set(members.map((m) => m.service))
  const mine = { changes: changes.filter((c) => services.has(c.service)), alerts: alerts.filter((a) => services.has(a.service)) }
  const count = (h: Health) => members.filter((m) => (memberHealth.get(m.id) ?? m.health) === h).length
  const mark = HEALTH_MARK[health]
  return (
    <>
      <p className={`topo-health topo-health-${health}`} data-testid="group-health">
        <span className={`topo-swatch topo-shape-${health}`} aria-hidden="true">{mark.glyph}</span>
        {mark.label} (its worst member) · {members.length} {members.length === 1 ? 'member' : 'members'}: {count('critical')} critical, {count('warning')} warning,{' '}
        {count('unknown')} unknown, {count('ok')} healthy
      </p>
      <dl className="topo-stats">
        <div><dt>Rate (sum)</dt><dd className="num">{formatRate(group.rps)}</dd></div>
        <div><dt>Errors (weighted by rate)</dt><dd className="num">{formatPercent(group.errorRate)}</dd></div>
      </dl>
      <nav className="topo-links" aria-label={`Links for ${group.label}`}>
        <button type="button" className="btn" onClick={() => onFocus(group.id)}>Draw this group’s members</button>
      </nav>
      <h3 className="topo-h3">Alerts and changes of its members</h3>
      <EventList changes={mine.changes} alerts={mine.alerts} nowMs={nowMs} withService />
      <h3 className="topo-h3">Members</h3>
      <NodeList nodes={[...members]} health={memberHealth} selectedId={null} found={found} onSelect={onSelectMember} />
    </>
  )
}
