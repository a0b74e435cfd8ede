import type { Alert, ChangeEvent } from '../../../domain/model'
import { formatAbsoluteZoned, formatOtherZone, formatRelative } from '../../../lib/format'

export interface EventListProps {
  changes: ChangeEvent[]
  alerts: Alert[]
  nowMs: number
  /** name the service of each event (a group's list mixes several) */
  withService?: boolean
}

const SHOWN = 8

/** Recent changes (deploys) and alerts of a service, newest first. */
export function EventList({ changes, alerts, nowMs, withService = false }: EventListProps) {
  const items = [
    ...changes.map((c) => ({ id: c.id, time: c.time, kind: c.kind, service: c.service, text: `${c.description}${c.version ? ` (${c.version})` : ''}`, alert: false })),
    ...alerts.map((a) => ({ id: a.id, time: a.startsAt, kind: `${a.severity} alert${a.endsAt === null ? ', firing' : ''}`, service: a.service, text: a.summary, alert: true })),
  ].sort((a, b) => b.time - a.time)
  if (items.length === 0) return <p className="muted topo-none">No changes or alerts in the window.</p>
  return (
    <ul className="topo-events">
      {items.slice(0, SHOWN).map((i) => (
        <li key={i.id}>
          <span className={`badge ${i.alert ? 'badge-error' : 'badge-warn'}`}>{i.kind}</span> {withService ? <strong>{i.service}: </strong> : null}{i.text}{' '}
          <time className="muted" dateTime={new Date(i.time).toISOString()} title={`${formatAbsoluteZoned(i.time)} · ${formatOtherZone(i.time)}`}>
            {formatRelative(i.time, nowMs)}
          </time>
        </li>
      ))}
      {items.length > SHOWN ? <li className="muted">…and {items.length - SHOWN} older (the metrics page lists them all)</li> : null}
    </ul>
  )
}
