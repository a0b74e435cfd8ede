import { useEffect, useState, useSyncExternalStore } from 'react'
import type { RequestWatch, WatchedRequest } from '../api/http/watch'
import { useDataSource } from '../api/source-context'
import { formatBytes } from '../lib/format'

/** How long a request may take before the console says it is still waiting. */
export const WAIT_NOTICE_MS = 3000

const noWatch = () => () => undefined

/**
 * "Still waiting for Jaeger (12 s)…": once a request to a backend has taken a few seconds, says
 * which backend the console waits for and since when, how much of the answer has come and how
 * fast, and offers to cancel. One line per backend; it stays until the answers come (or fail,
 * when the view says why). Fixed in a corner, so nothing on the page moves when it shows.
 */
export function WaitingNotice() {
  const watch: RequestWatch | undefined = useDataSource().requests
  const count = useSyncExternalStore(watch?.subscribe ?? noWatch, () => watch?.pending().length ?? 0)
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (count === 0) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [count])
  const waiting = (count ? (watch?.pending() ?? []) : []).filter((r) => now - r.startedAt >= WAIT_NOTICE_MS)
  if (!watch || waiting.length === 0) return null
  const bySource = new Map<string, WatchedRequest[]>()
  for (const r of waiting) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r])
  return (
    <div className="waiting-notice" role="status" aria-live="polite" data-testid="waiting-notice">
      {[...bySource].map(([source, requests]) => (
        <WaitingLine key={source} source={source} requests={requests} now={now} onCancel={() => watch.cancel(requests.map((r) => r.id))} />
      ))}
    </div>
  )
}

function WaitingLine({ source, requests, now, onCancel }: { source: string; requests: WatchedRequest[]; now: number; onCancel: () => void }) {
  const oldest = Math.min(...requests.map((r) => r.startedAt))
  const seconds = Math.floor((now - oldest) / 1000)
  const streaming = requests.filter((r) => r.bytes > 0)
  const bytes = streaming.reduce((a, r) => a + r.bytes, 0)
  // the rate since the answer began: what the link has given so far
  const rate = streaming.reduce((a, r) => a + r.bytes / Math.max(0.5, (now - (r.firstByteAt ?? r.startedAt)) / 1000), 0)
  const total = streaming.length === 1 ? streaming[0].totalBytes : null
  const silentFor = Math.floor((now - Math.max(...requests.map((r) => r.lastHeardAt))) / 1000)
  return (
    <div className="waiting-line">
      <span className="spinner" aria-hidden="true" />
      <span>
        Still waiting for {source === 'backend' ? 'the backend' : source} ({seconds} s)…
        {requests.length > 1 ? ` ${requests.length} requests.` : ''}
        {bytes > 0 ? (
          <span className="muted">
            {' '}
            {formatBytes(bytes)}
            {total ? ` of ${formatBytes(total)}` : ''} received, {formatBytes(rate)}/s{silentFor >= 3 ? `; nothing new for ${silentFor} s` : ''}.
          </span>
        ) : (
          <span className="muted"> No answer yet.</span>
        )}
      </span>
      <button type="button" className="btn" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
