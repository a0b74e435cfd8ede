import { useState, useSyncExternalStore } from 'react'
import { Link, useLocation } from 'react-router'
import { readStoredOverrides } from '../api/config'
import { inputNotices, subscribeInputNotices } from '../lib/input-notices'

/**
 * Says which values from the address or from this browser's storage the console did not use, and
 * why: a refused `?now=` or time range, and settings saved in this browser that cannot be used
 * (the console then runs on config.json; Settings shows the problem and removes them).
 */
export function InputBanner() {
  const notices = useSyncExternalStore(subscribeInputNotices, inputNotices)
  const [overrides] = useState(() => readStoredOverrides())
  const [dismissed, setDismissed] = useState(0)
  const location = useLocation()
  const showOverrides = overrides.problem !== null && location.pathname !== '/settings'
  const shown = notices.slice(dismissed)
  if (!shown.length && !showOverrides) return null
  return (
    <div className="banner banner-warning input-banner" role="status" data-testid="input-banner">
      {showOverrides ? (
        <p>
          <strong>Saved settings not used.</strong> {overrides.problem} The console uses config.json.{' '}
          <Link to="/settings">Open Settings</Link> to fix or remove them.
        </p>
      ) : null}
      {shown.map((n) => (
        <p key={`${n.from}:${n.name}`}>
          <strong>{n.from === 'address' ? `The address parameter "${n.name}"` : `The stored value "${n.name}"`} was not used:</strong>{' '}
          <code className="input-banner-value">{n.value}</code> — {n.reason}.
        </p>
      ))}
      {shown.length ? (
        <button type="button" className="btn btn-ghost input-banner-dismiss" onClick={() => setDismissed(notices.length)}>
          Dismiss
        </button>
      ) : null}
    </div>
  )
}
