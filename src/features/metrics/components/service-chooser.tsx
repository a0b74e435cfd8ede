import { Link } from 'react-router'
import type { ServiceSummary } from '../../../domain/model'
import { metricsHref } from '../../../lib/links'
import { useServiceColor } from '../../../ui/service-colors'

const ENTRY_LAYERS = new Set(['gateway', 'entry', 'edge'])

/** The landing when no service is chosen and the usual entry service is absent. */
export function ServiceChooser({ services, carry }: { services: ServiceSummary[]; carry: string }) {
  const serviceColor = useServiceColor()
  const sorted = [...services].sort((a, b) => Number(ENTRY_LAYERS.has(b.layer)) - Number(ENTRY_LAYERS.has(a.layer)) || a.name.localeCompare(b.name))
  return (
    <div className="metrics-chooser">
      <p>
        Choose a service to see its request rate, error rate and latency. Entry services come first: start there when users
        report a problem, then follow the error or the slow calls down.
      </p>
      <ul className="metrics-chooser-list">
        {sorted.map((s) => (
          <li key={s.name}>
            <Link to={metricsHref({ service: s.name }, carry)} className="metrics-chooser-item">
              <span className="service-swatch" style={{ background: serviceColor(s.name) }} aria-hidden="true" />
              <strong>{s.name}</strong>
              <span className="muted">
                {s.layer}
                {ENTRY_LAYERS.has(s.layer) ? ' · entry' : ''} · {s.operations.length} operation{s.operations.length === 1 ? '' : 's'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  )
}
