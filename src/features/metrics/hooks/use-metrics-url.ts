import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { readMetricsUrl, writeMetricsUrl } from '../lib/url'
import type { MetricsUrlState } from '../lib/url'

/** The view state in the URL; updates replace the entry so Back leaves the view, not the last click. */
export function useMetricsUrl() {
  const [params, setParams] = useSearchParams()
  const state = readMetricsUrl(params)
  const update = useCallback(
    (patch: Partial<MetricsUrlState>) => setParams((p) => writeMetricsUrl(p, patch), { replace: true }),
    [setParams],
  )
  return { state, update }
}
