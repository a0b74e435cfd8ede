import { useCallback, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { now } from '../../lib/clock'
import { parseTimeRange, rangeDurationMs, writeTimeRange } from '../../lib/time-range'
import type { TimeRange } from '../../lib/time-range'

/** Rounds "now" down so relative windows (and so query keys) stay stable for a few seconds. */
const ROUND_MS = 5_000
const roundedNow = () => Math.floor(now() / ROUND_MS) * ROUND_MS

/**
 * The global time range from the URL, resolved to a concrete window in ms.
 * A relative range is resolved when the range changes and on `refresh()`, not on every render.
 */
export function useTimeWindow() {
  const [params, setParams] = useSearchParams()
  const range = parseTimeRange(params)
  const rangeKey = range.kind === 'relative' ? range.range : `${range.from}-${range.to}`
  const [anchor, setAnchor] = useState(() => ({ key: rangeKey, now: roundedNow() }))
  let anchorNow = anchor.now
  if (anchor.key !== rangeKey) {
    anchorNow = roundedNow()
    setAnchor({ key: rangeKey, now: anchorNow })
  }
  const from = range.kind === 'absolute' ? range.from : anchorNow - rangeDurationMs(range.range)
  const to = range.kind === 'absolute' ? range.to : anchorNow
  const window = useMemo(() => ({ from, to }), [from, to])
  const setRange = useCallback((next: TimeRange) => setParams((p) => writeTimeRange(p, next)), [setParams])
  const refresh = useCallback(() => setAnchor({ key: rangeKey, now: roundedNow() }), [rangeKey, setAnchor])
  return { range, window, setRange, refresh }
}
