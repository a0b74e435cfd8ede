/**
 * The first rows of a trace while it is still arriving. A server that sends the spans in the
 * order the tree shows them (depth first, children by start time: see `depthFirstSpans`) lets the
 * console draw the top of the Gantt from the first spans, long before the last of 100,000 has
 * come. The rows built here are the rows the finished tree opens with (expanded, skew-corrected):
 * the preview never shows a row that will move. Anything that breaks the promised order (a parent
 * not on the current path, siblings out of start order, a repeated id, an orphan) drops the
 * preview rather than show rows the finished tree would put elsewhere.
 */
import type { SamplingInfo, Span } from '../model'
import { isFailedSpan, treeOrder } from './tree'
import type { TraceTree, TreeNode } from './tree'
import { followsFromParent } from './relations'
import { skewExtra } from './tree-passes'

/** One row of the preview: a span, where the finished tree will put it, and its corrected timing. */
export interface PreviewRow {
  span: Span
  depth: number
  /** µs since epoch, skew-corrected like the finished tree's default view */
  start: number
  /** µs added to the raw start by skew correction (0 when none) */
  skewShift: number
  isError: boolean
  hasChildren: boolean
}

/** The first rows of a trace that is still arriving, on the trace's time axis. */
export interface TracePreview {
  rows: PreviewRow[]
  /** µs since epoch */
  start: number
  /** µs since epoch */
  end: number
  /** the whole trace's services, when its source said them: the rows are coloured as the whole trace will be */
  services?: string[]
}

/**
 * The spans of a trace in the order its tree shows them, expanded (pre-order, children by start
 * time; orphans and spans in parent loops after the rest, as the tree places them), with the tree's
 * extent. Null when the trace repeats span ids: reordering would change which copy the tree keeps.
 */
export function depthFirstSpans(spans: Span[], sampling: SamplingInfo): { spans: Span[]; start: number; end: number } | null {
  const found = depthFirstOrder(spans, sampling)
  if (!found) return null
  const ordered: Span[] = new Array<Span>(spans.length)
  for (let i = 0; i < found.order.length; i++) ordered[i] = spans[found.order[i]]
  return { spans: ordered, start: found.start, end: found.end }
}

/**
 * The same order as depthFirstSpans, as indexes into `spans`, and the extent (µs since epoch) of
 * the skew-corrected tree, as buildTraceTree works them out but without making its nodes. Only the
 * fields the tree's shape and timing depend on are read (ids, parent, start, duration, kind), so a
 * caller that holds the rest of a span elsewhere (another thread) can pass spans with those alone.
 */
export function depthFirstOrder(spans: Span[], sampling: SamplingInfo): { order: Int32Array; start: number; end: number } | null {
  const t = treeOrder({ spans, sampling })
  if (t.duplicateIds.size > 0) return null
  const n = spans.length
  const order = new Int32Array(n)
  // skew correction as correctSkew does it, top-down; placeholders neither move nor are moved into
  const start = new Float64Array(n)
  const inherited = new Float64Array(n)
  let lo = Infinity
  let hi = -Infinity
  let k = 0
  for (const item of t.order) {
    if (item >= n) continue
    order[k++] = item
    const s = spans[item]
    const p = t.parentOf[item]
    let shift = p >= 0 && p < n ? inherited[p] : 0
    let st = s.startTime + shift
    if (p >= 0 && p < n && !followsFromParent(s, spans[p])) {
      const extra = skewExtra(st, s.duration, start[p], spans[p].duration)
      shift += extra
      st += extra
    }
    start[item] = st
    inherited[item] = shift
    if (st < lo) lo = st
    if (st + s.duration > hi) hi = st + s.duration
  }
  if (k !== n) return null
  return Number.isFinite(lo) ? { order, start: lo, end: hi } : { order, start: 0, end: 0 }
}

interface OpenNode {
  spanId: string
  row: number
  /** skew shift inherited by this node's children */
  shift: number
  /** raw start of the last child seen, to check that children come in start order */
  lastChildStart: number
}

/** Builds the preview from spans fed one by one, in the order they arrive. */
export class TracePreviewBuilder {
  private readonly built: PreviewRow[] = []
  private readonly path: OpenNode[] = []
  private readonly seen = new Set<string>()
  private lastRootStart = -Infinity
  private broken = false
  private snapshotCache: { rows: PreviewRow[]; complete: boolean } | null = null

  /**
   * `limit`: rows wanted (the preview stops taking spans after `limit + 1`; one more than shown, to
   * know whether the last row has children). PostTrace captures get no preview: their tree gains a
   * placeholder for the missing calls that a span-by-span preview cannot place.
   */
  constructor(
    private readonly limit: number,
    sampling: Pick<SamplingInfo, 'mode'>,
  ) {
    if (sampling.mode === 'posttrace') this.broken = true
  }

  /** False once the order was broken (or can never hold); the preview then shows nothing. */
  get valid(): boolean {
    return !this.broken
  }

  /** Takes the next span; returns false when no more spans are wanted. */
  add(span: Span): boolean {
    if (this.broken || this.built.length > this.limit) return false
    this.snapshotCache = null
    if (this.seen.has(span.spanId)) return this.break()
    this.seen.add(span.spanId)
    const pid = span.parentSpanId
    let parent: OpenNode | null = null
    if (pid === null) {
      if (span.startTime < this.lastRootStart) return this.break()
      this.lastRootStart = span.startTime
      this.path.length = 0
    } else {
      while (this.path.length > 0 && this.path[this.path.length - 1].spanId !== pid) this.path.pop()
      // a parent not on the current path: an orphan, a loop, or spans not depth first
      if (this.path.length === 0) return this.break()
      parent = this.path[this.path.length - 1]
      if (span.startTime < parent.lastChildStart) return this.break()
      parent.lastChildStart = span.startTime
      this.built[parent.row].hasChildren = true
    }
    // the skew rule of correctSkew (tree-passes.ts): a child moves inside its parent, except for messaging
    const p = parent ? this.built[parent.row] : null
    let shift = parent ? parent.shift : 0
    let start = span.startTime + shift
    let skewShift = 0
    const async = p ? p.span.kind === 'producer' || span.kind === 'consumer' : false
    if (p && !async) {
      const end = start + span.duration
      const pEnd = p.start + p.span.duration
      let extra = 0
      if (start < p.start || span.duration > p.span.duration) extra = p.start - start
      else if (end > pEnd) extra = pEnd - end
      if (extra !== 0) {
        shift += extra
        start += extra
        skewShift = extra
      }
    }
    this.path.push({ spanId: span.spanId, row: this.built.length, shift, lastChildStart: -Infinity })
    this.built.push({ span, depth: this.path.length - 1, start, skewShift, isError: isFailedSpan(span), hasChildren: false })
    return this.built.length <= this.limit
  }

  /**
   * The rows whose place and look are settled: all of them once `complete` (every span has come),
   * else all but the last, whose children may still be on the way.
   */
  rows(complete: boolean): PreviewRow[] {
    if (this.broken) return []
    // the same array until something changed, so a view can skip drawing it again
    if (this.snapshotCache?.complete !== complete) {
      const settled = complete ? this.built.length : this.built.length - 1
      const rows = this.built.slice(0, Math.max(0, Math.min(this.limit, settled))).map((r) => ({ ...r }))
      this.snapshotCache = { rows, complete }
    }
    return this.snapshotCache.rows
  }

  private break(): false {
    this.broken = true
    this.built.length = 0
    this.path.length = 0
    return false
  }
}

/**
 * The first rows as a tree of their own, for the Gantt to draw read-only while the rest arrives:
 * the same nodes the finished tree opens with (keys, depths, corrected starts, error marks), each
 * linked to the rows below it that have come. `moreBelow` marks rows whose children have not all
 * come yet (the last rows of the preview), so they show as parents already.
 */
export function previewTree(traceId: string, preview: TracePreview): { tree: TraceTree; moreBelow: Uint8Array } {
  const nodes: TreeNode[] = []
  const roots: number[] = []
  const byKey = new Map<string, number>()
  const path: number[] = []
  let maxDepth = 0
  let errorCount = 0
  let skewAdjustedCount = 0
  for (const r of preview.rows) {
    path.length = Math.min(path.length, r.depth)
    const parent = path.length > 0 ? path[path.length - 1] : -1
    const index = nodes.length
    nodes.push({
      index,
      kind: 'span',
      span: r.span,
      key: r.span.spanId,
      parent,
      children: [],
      depth: r.depth,
      subtreeSize: 1,
      start: r.start,
      duration: r.span.duration,
      skewShift: r.skewShift,
      isError: r.isError,
      errorsBelow: 0,
      errorOriginBelow: -1,
      isTrigger: false,
      isDuplicate: false,
      inCycle: false,
    })
    byKey.set(r.span.spanId, index)
    if (parent === -1) roots.push(index)
    else nodes[parent].children.push(index)
    for (const a of path) {
      nodes[a].subtreeSize++
      if (r.isError) nodes[a].errorsBelow++
    }
    path.push(index)
    maxDepth = Math.max(maxDepth, r.depth)
    if (r.isError) errorCount++
    if (r.skewShift !== 0) skewAdjustedCount++
  }
  const moreBelow = new Uint8Array(nodes.length)
  preview.rows.forEach((r, i) => {
    if (r.hasChildren && nodes[i].children.length === 0) moreBelow[i] = 1
  })
  const tree: TraceTree = {
    traceId,
    nodes,
    roots,
    byKey,
    start: preview.start,
    end: preview.end,
    spanCount: nodes.length,
    services: [...new Set(nodes.map((n) => n.span?.service ?? ''))],
    maxDepth,
    errorCount,
    orphanCount: 0,
    duplicateIds: [],
    cycleSpanIds: [],
    skewAdjustedCount,
    triggerIndex: -1,
    warnings: [],
  }
  return { tree, moreBelow }
}
