import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { parseViewState, writeViewState } from '../lib/url'
import type { TopologyViewState } from '../lib/url'

/** The view state from the URL, and a setter that writes a partial change (replacing history for live tweaks). */
export function useViewState() {
  const [params, setParams] = useSearchParams()
  const state = useMemo(() => parseViewState(params), [params])
  const update = useCallback(
    (change: Partial<TopologyViewState>, opts: { replace?: boolean } = {}) =>
      setParams((p) => writeViewState(p, change), { replace: opts.replace ?? false }),
    [setParams],
  )
  return { state, update, params }
}
