import type { ReactNode } from 'react'
import { ApiError, describeError } from '../api/errors'
import type { Partiality } from '../domain/model'
import { formatHourMinute, formatZone } from '../lib/format'

/** Loading placeholder that reserves its space, so nothing jumps when data arrives. */
export function LoadingState({ label = 'Loading…', minHeight = 120 }: { label?: string; minHeight?: number }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite" style={{ minHeight }}>
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      <strong>{title}</strong>
      {children ? <div className="state-hint">{children}</div> : null}
    </div>
  )
}

/** A failure in plain words with a retry button. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>{describeError(error)}</p>
      {error instanceof ApiError && error.raw ? (
        <details className="state-raw">
          <summary>Show the raw answer</summary>
          <pre>{error.raw.slice(0, 4000)}</pre>
          {error.raw.length > 4000 ? <p className="muted">First 4,000 of {error.raw.length.toLocaleString('en-US')} characters.</p> : null}
        </details>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  )
}

/** Labels an answer that lacks some data centres. */
/** `what` names the incomplete thing as a sentence's subject; `singular` when it is one thing ("This graph"). */
export function PartialBanner({ partial, what = 'These results', singular = false }: { partial: Partiality | null | undefined; what?: string; singular?: boolean }) {
  if (!partial) return null
  if (partial.missingDcs.length === 0) {
    if (!partial.reason) return null
    return (
      <div className="banner banner-warning" role="status" data-testid="partial-banner">
        <strong>Partial data.</strong> {what} {singular ? 'is' : 'are'} incomplete: {partial.reason.replace(/\.$/, '')}.
      </div>
    )
  }
  const dcs = partial.missingDcs.join(', ')
  const when = partial.silentFrom !== undefined && partial.silentTo !== undefined ? ` from ${formatHourMinute(partial.silentFrom)} to ${formatHourMinute(partial.silentTo)} ${formatZone(partial.silentTo)}` : ''
  return (
    <div className="banner banner-warning" role="status" data-testid="partial-banner">
      <strong>Partial data.</strong> {what} {singular ? 'lacks' : 'lack'} data centre{partial.missingDcs.length > 1 ? 's' : ''} {dcs}
      {partial.reason ? ` (${partial.reason}${when})` : when ? ` (silent${when})` : ''}: counts and rates are lower than the real ones.
    </div>
  )
}
