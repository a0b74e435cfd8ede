import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { ApiError, describeError, formatWait } from '../api/errors'
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

/**
 * A failure in plain words with a retry button. When the backend asked the console to wait
 * (Retry-After), the wait counts down: a live view says when it asks again by itself (`live`),
 * otherwise Retry waits until then. `retrying`: the view is asking again meanwhile (the message
 * stays until an answer comes).
 */
export function ErrorState({ title, error, onRetry, live = false, retrying = false }: { title: string; error: unknown; onRetry?: () => void; live?: boolean; retrying?: boolean }) {
  const retryAt = error instanceof ApiError ? error.retryAt : null
  const waitLeft = useCountdown(retryAt)
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
      {retrying ? (
        <p className="state-retrying" role="status">
          <span className="spinner" aria-hidden="true" /> Asking again…
        </p>
      ) : waitLeft > 0 ? (
        <p className="state-retrying" role="status" data-testid="retry-countdown">
          {live ? `Next try in ${formatWait(waitLeft)}.` : `Retry is possible in ${formatWait(waitLeft)}.`}
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry} disabled={retrying || waitLeft > 0}>
          Retry
        </button>
      ) : null}
    </div>
  )
}

/** ms left until `at` (Date.now() based), counting down every second; 0 once past or without one. */
export function useCountdown(at: number | null): number {
  const [nowMs, setNowMs] = useState(() => Date.now())
  const left = at === null ? 0 : Math.max(0, at - nowMs)
  useEffect(() => {
    if (at === null || at <= Date.now()) return
    const timer = setInterval(() => {
      setNowMs(Date.now())
      if (Date.now() >= at) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [at])
  return left
}

/**
 * The error to show for a query: its error, and while it asks again after a failure (TanStack
 * forgets the error of a query without data when it fetches again), the last one, until an answer
 * comes. So a failed view keeps its message instead of falling back to a spinner at each refresh.
 */
export function useKeptError(query: { error: unknown; data: unknown; isFetching: boolean }): unknown {
  const [kept, setKept] = useState<unknown>(null)
  if (query.error && query.error !== kept) setKept(query.error)
  else if (!query.error && kept !== null && (query.data !== undefined || !query.isFetching)) setKept(null)
  return query.error ?? (query.isFetching ? kept : null)
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
