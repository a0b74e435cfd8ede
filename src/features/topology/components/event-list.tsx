import type { Alert, ChangeEvent } from '../../../domain/model'
import { formatAbsoluteZoned, formatOtherZone, formatRelative } from '../../../lib/format'

export interface EventListProps {
  changes: ChangeEvent[]
  alerts: Alert[]
  nowMs: number
}

/** Recent changes (deploys) and alerts of a service, newest first. */
export function EventList({ changes, alerts, nowMs }: EventListProps) {
  const items = [
    ...changes.map((c) => ({ id: c.id, time: c.time, kind: c.kind, text: `${c.description}${c.version ? ` (${c.version})` : ''}`, alert: false })),
    ...alerts.map((a) => ({ id: a.id, time: a.startsAt, kind: `${a.severity} alert${a.endsAt === null ? ', firing' : ''}`, text: a.summary, alert: true })),
  ].sort((a, b) => b.time - a.time)
  if (items.length === 0) return <p className="muted topo-none">No changes or alerts in the window.</p>
  return (
    <ul className="topo-events">
      {items.slice(0, 8).map((i) => (
        <li key={i.id}>
          <span className={`badge ${i.alert ? 'badge-error' : 'badge-warn'}`}>{i.kind}</span> {i.text}{' '}
          <time className="muted" dateTime={new Date(i.time).toISOString()} title={`${formatAbsoluteZoned(i.time)} · ${formatOtherZone(i.time)}`}>
            {formatRelative(i.time, nowMs)}
          </time>
        </li>
      ))}
    </ul>
  )
}
