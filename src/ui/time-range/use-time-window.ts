import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useSearchParams } from 'react-router'
import { now } from '../../lib/clock'
import { parseTimeRange, rangeDurationMs, writeTimeRange } from '../../lib/time-range'
import type { TimeRange } from '../../lib/time-range'

/** Rounds "now" down so relative windows (and so query keys) stay stable for a few seconds. */
const ROUND_MS = 5_000
const roundedNow = () => Math.floor(now() / ROUND_MS) * ROUND_MS

/**
 * The instant a relative range ends at, shared by the header and every view of the tab, so they
 * show one window. It moves when the range changes and on `refresh()`; the header's clock
 * (useLiveNow) moves on by itself and offers the refresh once the two differ.
 */
let anchor = { key: '', now: 0 }
const listeners = new Set<() => void>()
const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => listeners.delete(l)
}
const readAnchor = () => anchor
function setAnchor(key: string, at: number) {
  anchor = { key, now: at }
  for (const l of listeners) l()
}

const keyOf = (range: TimeRange) => (range.kind === 'relative' ? range.range : `${range.from}-${range.to}`)

/**
 * The global time range from the URL, resolved to a concrete window in ms.
 * A relative range is resolved when the range changes and on `refresh()`, not on every render.
 */
export function useTimeWindow() {
  const [params, setParams] = useSearchParams()
  const range = parseTimeRange(params)
  const rangeKey = keyOf(range)
  const shared = useSyncExternalStore(subscribe, readAnchor, readAnchor)
  const anchorNow = shared.key === rangeKey ? shared.now : roundedNow()
  useEffect(() => {
    if (anchor.key !== rangeKey) setAnchor(rangeKey, anchorNow)
  }, [rangeKey, anchorNow])
  const from = range.kind === 'absolute' ? range.from : anchorNow - rangeDurationMs(range.range)
  const to = range.kind === 'absolute' ? range.to : anchorNow
  const window = useMemo(() => ({ from, to }), [from, to])
  const setRange = useCallback((next: TimeRange) => setParams((p) => writeTimeRange(p, next)), [setParams])
  const refresh = useCallback(() => setAnchor(rangeKey, roundedNow()), [rangeKey])
  return { range, window, setRange, refresh }
}

/** "Now" for the header, moving on every `everyMs` while the page is open (still when pinned). */
export function useLiveNow(everyMs = 5_000): number {
  const [t, setT] = useState(roundedNow)
  useEffect(() => {
    const id = setInterval(() => setT(roundedNow()), everyMs)
    return () => clearInterval(id)
  }, [everyMs])
  return t
}

/** Test hook: forget the shared anchor. */
export function resetTimeWindowAnchor(): void {
  anchor = { key: '', now: 0 }
}
