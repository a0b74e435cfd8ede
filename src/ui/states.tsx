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

/** Labels an answer that lacks some data centres; `what` names the incomplete thing as a sentence's subject; `singular` when it is one thing ("This graph"). */
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
  return <MissingDcsBanner partial={partial} subject={what} plural={!singular} />
}

/**
 * Several partial answers on one page (the window's traces, yesterday's, the backend's counts):
 * those that lack the same data centres are said in one banner naming every subject, so the page
 * does not repeat the same warning; answers incomplete for another reason keep their own banner.
 */
export function PartialBanners({ items }: { items: { partial: Partiality | null | undefined; what: string }[] }) {
  const groups = new Map<string, { partial: Partiality; whats: string[] }>()
  const others: { partial: Partiality; what: string }[] = []
  for (const { partial, what } of items) {
    if (!partial) continue
    if (partial.missingDcs.length === 0) {
      if (partial.reason) others.push({ partial, what })
      continue
    }
    const key = [...partial.missingDcs].sort().join(',')
    const g = groups.get(key)
    if (!g) groups.set(key, { partial, whats: [what] })
    else {
      g.whats.push(what)
      // keep the answer that says when the data centres were silent
      if (g.partial.silentFrom === undefined && partial.silentFrom !== undefined) g.partial = partial
    }
  }
  return (
    <>
      {[...groups.values()].map(({ partial, whats }) => (
        <MissingDcsBanner key={partial.missingDcs.join(',')} partial={partial} subject={joinSubjects(whats)} plural />
      ))}
      {others.map(({ partial, what }) => (
        <PartialBanner key={what} partial={partial} what={what} />
      ))}
    </>
  )
}

function joinSubjects(whats: string[]): string {
  if (whats.length === 1) return whats[0]
  const lower = whats.map((w, i) => (i === 0 ? w : w.charAt(0).toLowerCase() + w.slice(1)))
  return `${lower.slice(0, -1).join(', ')} and ${lower[lower.length - 1]}`
}

function MissingDcsBanner({ partial, subject, plural }: { partial: Partiality; subject: string; plural: boolean }) {
  const dcs = partial.missingDcs.join(', ')
  const when = partial.silentFrom !== undefined && partial.silentTo !== undefined ? ` from ${formatHourMinute(partial.silentFrom)} to ${formatHourMinute(partial.silentTo)} ${formatZone(partial.silentTo)}` : ''
  return (
    <div className="banner banner-warning" role="status" data-testid="partial-banner">
      <strong>Partial data.</strong> {subject} {plural ? 'lack' : 'lacks'} data centre{partial.missingDcs.length > 1 ? 's' : ''} {dcs}
      {partial.reason ? ` (${partial.reason}${when})` : when ? ` (silent${when})` : ''}: counts and rates are lower than the real ones.
    </div>
  )
}
