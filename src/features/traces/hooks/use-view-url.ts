import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { FlameGroup, FlameMetric } from '../../../domain/trace/flame'
import type { TraceGraphGroup } from '../../../domain/trace/trace-graph'

export const TRACE_VIEWS = ['gantt', 'flame', 'graph'] as const
export type TraceView = (typeof TRACE_VIEWS)[number]

/** The trace page's view (`view=gantt|flame|graph`) and each view's own settings, in the URL. */
export interface ViewUrlState {
  view: TraceView
  /** flame graph: by path (default) or one frame per span */
  flameGroup: FlameGroup
  /** flame graph: width by total time (default) or self time */
  flameMetric: FlameMetric
  /** flame graph: the frame zoomed into, named by one of its spans (span key) */
  flameZoom: string | null
  /** per-trace graph: services (default) or service operations */
  graphGroup: TraceGraphGroup
}

export type ViewUrlPatch = Partial<ViewUrlState> & { span?: string | null }

const oneOf = <T extends string>(v: string | null, all: readonly T[], fallback: T): T => (all.includes(v as T) ? (v as T) : fallback)

export function readViewUrl(p: URLSearchParams): ViewUrlState {
  return {
    view: oneOf(p.get('view'), TRACE_VIEWS, 'gantt'),
    flameGroup: oneOf(p.get('fgroup'), ['path', 'span'] as const, 'path'),
    flameMetric: oneOf(p.get('fwidth'), ['total', 'self'] as const, 'total'),
    flameZoom: p.get('fzoom'),
    graphGroup: oneOf(p.get('ggroup'), ['service', 'operation'] as const, 'service'),
  }
}

export function writeViewUrl(p: URLSearchParams, patch: ViewUrlPatch): URLSearchParams {
  const out = new URLSearchParams(p)
  const set = (k: string, v: string | null | undefined, dflt: string | null) => {
    if (v === undefined) return
    if (v === null || v === dflt) out.delete(k)
    else out.set(k, v)
  }
  set('view', patch.view, 'gantt')
  set('fgroup', patch.flameGroup, 'path')
  set('fwidth', patch.flameMetric, 'total')
  set('fzoom', patch.flameZoom, null)
  set('ggroup', patch.graphGroup, 'service')
  set('span', patch.span, null)
  return out
}

export function useViewUrl(): [ViewUrlState, (patch: ViewUrlPatch) => void] {
  const [params, setParams] = useSearchParams()
  const state = useMemo(() => readViewUrl(params), [params])
  const update = useCallback((patch: ViewUrlPatch) => setParams((p) => writeViewUrl(p, patch), { replace: patch.view === undefined }), [setParams])
  return [state, update]
}
