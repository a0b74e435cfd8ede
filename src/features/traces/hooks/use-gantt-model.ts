import { useMemo, useState } from 'react'
import type { Trace } from '../../../domain/model'
import { buildRows, expandAll, focusOn, keepFlags, revealNode } from '../../../domain/trace/rows'
import type { CollapsedState, GanttRow } from '../../../domain/trace/rows'
import { flaggedIndexes, isFilterActive, matchFlags } from '../../../domain/trace/search'
import type { SpanFilter } from '../../../domain/trace/search'
import { criticalPath } from '../../../domain/trace/timing'
import { buildTraceTree } from '../../../domain/trace/tree'
import type { TraceTree } from '../../../domain/trace/tree'
import { useBuiltTree } from '../../../api/trace-loading/hooks'
import type { TraceUrlState } from './use-trace-url'

export interface GanttModel {
  tree: TraceTree
  rows: GanttRow[]
  collapsed: CollapsedState
  setCollapsed: (c: CollapsedState) => void
  /** search matches (node indexes, pre-order); empty without a query */
  matches: number[]
  matchSet: Uint8Array | null
  /** critical path flags, computed only when asked for */
  critical: Uint8Array | null
  errors: number[]
  filterActive: boolean
}

/** Builds the tree and leaves a performance entry that the benchmark reads (bench/cases/trace-page.mjs). */
function timedTree(trace: Trace, adjustSkew: boolean): TraceTree {
  const t0 = performance.now()
  const tree = buildTraceTree(trace, { adjustSkew })
  performance.measure('tracelens:trace-tree', { start: t0, end: performance.now() })
  return tree
}

/**
 * Tree, collapse state, filters and the visible rows for one trace. The skew-corrected tree of a
 * trace read in a worker (a file, a Jaeger or Tempo answer) was built there and is taken as it is;
 * raw timing, or a trace that came another way, is built here.
 */
export function useGanttModel(trace: Trace, url: TraceUrlState): GanttModel {
  const built = useBuiltTree(trace)
  const tree = useMemo(() => (built && !url.raw ? built : timedTree(trace, !url.raw)), [built, trace, url.raw])
  // Collapse state belongs to one trace; opening at a span collapses what is unrelated.
  const [openedAt] = useState(url.span)
  const initial = useMemo(() => {
    const target = openedAt ? tree.byKey.get(openedAt) : undefined
    return target !== undefined ? focusOn(tree, target) : expandAll(tree)
  }, [tree, openedAt])
  const [collapsedFor, setCollapsedFor] = useState<{ id: string; state: CollapsedState } | null>(null)
  const collapsed =
    collapsedFor && collapsedFor.id === trace.traceId && collapsedFor.state.length === tree.nodes.length ? collapsedFor.state : initial
  const setCollapsed = (state: CollapsedState) => setCollapsedFor({ id: trace.traceId, state })
  // A span named by the URL later (a link, back/forward) is revealed: its ancestors expand.
  const [seenSpan, setSeenSpan] = useState(url.span)
  if (url.span !== seenSpan) {
    setSeenSpan(url.span)
    const target = url.span ? tree.byKey.get(url.span) : undefined
    if (target !== undefined) {
      const revealed = revealNode(tree, collapsed, target)
      if (revealed !== collapsed) setCollapsedFor({ id: trace.traceId, state: revealed })
    }
  }

  const needCritical = url.critical || url.criticalOnly
  const critical = useMemo(() => (needCritical ? (tree.critical ?? criticalPath(tree)) : null), [tree, needCritical])

  const matchSet = useMemo(
    () => (url.query.trim() ? matchFlags(tree, { query: url.query, errorsOnly: false, services: [], criticalOnly: null }) : null),
    [tree, url.query],
  )
  const matches = useMemo(() => (matchSet ? flaggedIndexes(matchSet) : []), [matchSet])
  const errors = useMemo(() => tree.nodes.filter((n) => n.isError).map((n) => n.index), [tree])

  const filter: SpanFilter = useMemo(
    () => ({
      query: url.hideUnmatched ? url.query : '',
      errorsOnly: url.errorsOnly,
      services: url.services,
      criticalOnly: url.criticalOnly ? critical : null,
    }),
    [url.hideUnmatched, url.query, url.errorsOnly, url.services, url.criticalOnly, critical],
  )
  const filterActive = isFilterActive(filter)
  const keep = useMemo(() => (filterActive ? keepFlags(tree, matchFlags(tree, filter)) : null), [tree, filter, filterActive])
  const rows = useMemo(() => buildRows(tree, collapsed, keep), [tree, collapsed, keep])

  return { tree, rows, collapsed, setCollapsed, matches, matchSet, critical, errors, filterActive }
}
