import { useCallback, useEffect, useMemo, useRef } from 'react'
import { useSearchParams } from 'react-router'
import { formatZoom, parseZoom } from '../../../domain/trace/detail'
import type { Zoom } from '../../../domain/trace/detail'

/** The trace page's shareable view state, kept in the URL. */
export interface TraceUrlState {
  span: string | null
  chain: string | null
  zoom: Zoom
  /** raw timing (no clock-skew correction) */
  raw: boolean
  query: string
  /** hide spans the search does not match */
  hideUnmatched: boolean
  errorsOnly: boolean
  services: string[]
  critical: boolean
  criticalOnly: boolean
  stats: boolean
  /** open at the origin of the trace's first error chain (a link that does not know the span yet) */
  atOrigin: boolean
}

export type TraceUrlPatch = Partial<TraceUrlState>

const flag = (p: URLSearchParams, k: string) => p.get(k) === '1'

export function useTraceUrl(): [TraceUrlState, (patch: TraceUrlPatch) => void] {
  const [params, setParams] = useSearchParams()
  const state = useMemo<TraceUrlState>(
    () => ({
      span: params.get('span'),
      chain: params.get('chain'),
      zoom: parseZoom(params.get('zoom')),
      raw: flag(params, 'raw'),
      query: params.get('q') ?? '',
      hideUnmatched: flag(params, 'hide'),
      errorsOnly: flag(params, 'errors'),
      services: params.getAll('svc'),
      critical: flag(params, 'cp'),
      criticalOnly: flag(params, 'cponly'),
      stats: flag(params, 'stats'),
      atOrigin: params.get('at') === 'origin',
    }),
    [params],
  )
  // Updates may follow each other faster than the router re-renders (a debounced search landing
  // just after a click): each one builds on the previous one's result, never on a stale snapshot.
  const latest = useRef(params)
  useEffect(() => {
    latest.current = params
  }, [params])
  const update = useCallback(
    (patch: TraceUrlPatch) => {
      const p = new URLSearchParams(latest.current)
      const set = (k: string, v: string | null) => (v === null || v === '' ? p.delete(k) : p.set(k, v))
      const setFlag = (k: string, v: boolean | undefined) => v !== undefined && set(k, v ? '1' : null)
      if (patch.span !== undefined) set('span', patch.span)
      if (patch.chain !== undefined) set('chain', patch.chain)
      if (patch.zoom !== undefined) set('zoom', formatZoom(patch.zoom))
      if (patch.query !== undefined) set('q', patch.query)
      setFlag('raw', patch.raw)
      setFlag('hide', patch.hideUnmatched)
      setFlag('errors', patch.errorsOnly)
      setFlag('cp', patch.critical)
      setFlag('cponly', patch.criticalOnly)
      setFlag('stats', patch.stats)
      if (patch.services !== undefined) {
        p.delete('svc')
        for (const s of patch.services) p.append('svc', s)
      }
      latest.current = p
      setParams(p, { replace: true })
    },
    [setParams],
  )
  return [state, update]
}
