/**
 * The flame graph (icicle) of one trace: spans aggregated by their path from the root (service and
 * operation at each level) or one frame per span. Frames are kept as columns of typed arrays, so a
 * 100,000-span trace becomes a few arrays that can be handed from a worker without copying.
 *
 * Frame 0 is the whole trace ("all spans"). Every other frame lies under its parent frame; frames
 * are numbered so that a parent always comes before its children.
 */
import type { SelfTimes } from './timing'
import type { TraceTree } from './tree'
import { createInterner } from './interner'

export type FlameGroup = 'path' | 'span'
export type FlameMetric = 'total' | 'self'

/** What a frame stands for. */
export const FRAME_KINDS = ['span', 'all', 'missing-parent', 'not-captured'] as const
export type FrameKind = (typeof FRAME_KINDS)[number]
const KIND_CODE: Record<FrameKind, number> = { span: 0, all: 1, 'missing-parent': 2, 'not-captured': 3 }
export const frameKind = (code: number): FrameKind => FRAME_KINDS[code] ?? 'span'

export interface FlameGraph {
  group: FlameGroup
  /** interned service and operation names */
  names: string[]
  frameCount: number
  /** parent frame, -1 for frame 0 */
  parent: Int32Array
  depth: Int32Array
  /** index into `names`, -1 for frames that are not spans */
  service: Int32Array
  operation: Int32Array
  /** FRAME_KINDS index */
  kind: Uint8Array
  /** spans in the frame (for "not captured" frames: the spans whose early calls were not kept) */
  count: Int32Array
  /** failed spans in the frame */
  errors: Int32Array
  /** spans of the frame on the critical path */
  critical: Int32Array
  /** µs: sum of the spans' durations (wall time of each span, parallel spans each counted) */
  total: Float64Array
  /** µs: sum of the spans' self times known for sure */
  self: Float64Array
  /** µs: sum of the spans' time on the critical path on their own (see criticalTimes) */
  criticalTime: Float64Array
  /** µs since epoch: earliest start among the frame's spans (children are ordered by it) */
  first: Float64Array
  /** children of frame f: childList[childStart[f] … childStart[f + 1]), by first start */
  childStart: Int32Array
  childList: Int32Array
  /** tree node indexes of frame f: spanList[spanStart[f] … spanStart[f + 1]) */
  spanStart: Int32Array
  spanList: Int32Array
  /** frame of each tree node (-1 for none) */
  nodeFrame: Int32Array
  /** deepest frame depth */
  maxDepth: number
}

/** Distinct names a flame graph can key exactly (service id × NAME_SLOTS + operation id stays below 2^53). */
const NAME_SLOTS = 2 ** 26

/** The per-span inputs of the flame graph, besides the tree. */
export interface FlameInputs {
  self: SelfTimes
  /** criticalPath flags */
  onPath: Uint8Array
  /** criticalTimes */
  criticalTime: Float64Array
}

class Columns {
  private cap = 1024
  size = 0
  parent = new Int32Array(this.cap)
  service = new Int32Array(this.cap)
  operation = new Int32Array(this.cap)
  kind = new Uint8Array(this.cap)
  count = new Int32Array(this.cap)
  errors = new Int32Array(this.cap)
  critical = new Int32Array(this.cap)
  total = new Float64Array(this.cap)
  self = new Float64Array(this.cap)
  criticalTime = new Float64Array(this.cap)
  first = new Float64Array(this.cap)

  add(parent: number, service: number, operation: number, kind: number): number {
    if (this.size === this.cap) this.grow()
    const f = this.size++
    this.parent[f] = parent
    this.service[f] = service
    this.operation[f] = operation
    this.kind[f] = kind
    this.first[f] = Infinity
    return f
  }

  private grow(): void {
    this.cap *= 2
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap)
      b.set(a)
      return b
    }
    this.parent = g(this.parent)
    this.service = g(this.service)
    this.operation = g(this.operation)
    this.kind = g(this.kind)
    this.count = g(this.count)
    this.errors = g(this.errors)
    this.critical = g(this.critical)
    this.total = g(this.total)
    this.self = g(this.self)
    this.criticalTime = g(this.criticalTime)
    this.first = g(this.first)
  }
}

/**
 * Aggregates the tree's spans into frames. `path`: one frame per distinct path of (service,
 * operation) from the root, so the 40,000 `CheckStock` calls of a batch job under the same caller
 * are one frame with count 40,000 (a recursive call is a new frame one level down: its path
 * differs). `span`: one frame per span. Spans whose parent is not in the trace hang under a
 * "missing parent" frame (one per missing parent id); in a PostTrace capture, the time before the
 * trigger that no captured call covers becomes a "not captured" frame under the span's frame, so
 * it is never drawn as the span's own work.
 */
export function buildFlameGraph(tree: TraceTree, inputs: FlameInputs, group: FlameGroup): FlameGraph {
  const { self, onPath, criticalTime } = inputs
  const { names, intern } = createInterner()
  const cols = new Columns()
  cols.add(-1, -1, -1, KIND_CODE.all)
  const nodes = tree.nodes
  const nodeFrame = new Int32Array(nodes.length).fill(-1)
  // frame lookup by (parent frame, kind) then (service, operation) for path grouping: numeric
  // keys, no string built per span
  const byKey = new Map<number, Map<number, number>>()
  const frameFor = (parentFrame: number, kind: number, service: number, operation: number, unique: boolean): number => {
    if (unique) return cols.add(parentFrame, service, operation, kind)
    const outer = parentFrame * FRAME_KINDS.length + kind
    let inner = byKey.get(outer)
    if (inner === undefined) {
      inner = new Map()
      byKey.set(outer, inner)
    }
    // names are interned ids ≥ -1; shifted to ≥ 0 and packed into one exact integer
    const key = (service + 1) * NAME_SLOTS + (operation + 1)
    let f = inner.get(key)
    if (f === undefined) {
      f = cols.add(parentFrame, service, operation, kind)
      inner.set(key, f)
    }
    return f
  }
  for (const n of nodes) {
    const parentFrame = n.parent === -1 ? 0 : nodeFrame[n.parent]
    if (parentFrame === -1) continue
    let f: number
    if (n.kind === 'missing-parent') {
      // one frame per missing parent id: their spans are unrelated to each other
      f = cols.add(parentFrame, -1, -1, KIND_CODE['missing-parent'])
    } else if (n.kind === 'missing-calls') {
      f = frameFor(parentFrame, KIND_CODE['not-captured'], -1, -1, group === 'span')
      const owner = n.parent
      const gap = owner === -1 ? 0 : self.unaccounted[owner]
      cols.count[f]++
      cols.total[f] += gap
      cols.self[f] += gap
      if (n.start < cols.first[f]) cols.first[f] = n.start
    } else {
      const span = n.span
      if (!span) continue
      f = frameFor(parentFrame, KIND_CODE.span, intern(span.service), intern(span.name), group === 'span')
      cols.count[f]++
      if (n.isError) cols.errors[f]++
      if (onPath[n.index]) cols.critical[f]++
      cols.total[f] += n.duration
      cols.self[f] += self.known[n.index]
      cols.criticalTime[f] += criticalTime[n.index]
      if (n.start < cols.first[f]) cols.first[f] = n.start
    }
    nodeFrame[n.index] = f
  }
  const size = cols.size
  // missing-parent frames start when their first child does
  for (let f = size - 1; f > 0; f--) {
    const p = cols.parent[f]
    if (cols.first[f] < cols.first[p]) cols.first[p] = cols.first[f]
  }
  const parent = cols.parent.slice(0, size)
  const depth = new Int32Array(size)
  let maxDepth = 0
  for (let f = 1; f < size; f++) {
    depth[f] = depth[parent[f]] + 1
    if (depth[f] > maxDepth) maxDepth = depth[f]
  }
  const first = cols.first.slice(0, size)
  const { start: childStart, list: childList } = groupBy(size, size - 1, (k) => parent[k + 1], (k) => k + 1)
  // children in the order they were first called
  for (let f = 0; f < size; f++) {
    const a = childStart[f]
    const b = childStart[f + 1]
    if (b - a > 1) childList.set(Array.from(childList.subarray(a, b)).sort((x, y) => first[x] - first[y] || x - y), a)
  }
  const spanNodes: number[] = []
  for (let i = 0; i < nodes.length; i++) if (nodeFrame[i] !== -1 && nodes[i].kind === 'span') spanNodes.push(i)
  const { start: spanStart, list: spanList } = groupBy(size, spanNodes.length, (k) => nodeFrame[spanNodes[k]], (k) => spanNodes[k])
  return {
    group,
    names,
    frameCount: size,
    parent,
    depth,
    service: cols.service.slice(0, size),
    operation: cols.operation.slice(0, size),
    kind: cols.kind.slice(0, size),
    count: cols.count.slice(0, size),
    errors: cols.errors.slice(0, size),
    critical: cols.critical.slice(0, size),
    total: cols.total.slice(0, size),
    self: cols.self.slice(0, size),
    criticalTime: cols.criticalTime.slice(0, size),
    first,
    childStart,
    childList,
    spanStart,
    spanList,
    nodeFrame,
    maxDepth,
  }
}

/** Counting sort of `items` items into `buckets` buckets: CSR offsets and the list. */
function groupBy(buckets: number, items: number, bucketOf: (k: number) => number, valueOf: (k: number) => number): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(buckets + 1)
  for (let k = 0; k < items; k++) start[bucketOf(k) + 1]++
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b]
  const fill = start.slice(0, buckets)
  const list = new Int32Array(items)
  for (let k = 0; k < items; k++) list[fill[bucketOf(k)]++] = valueOf(k)
  return { start, list }
}

export const frameService = (g: FlameGraph, f: number): string | null => (g.service[f] >= 0 ? g.names[g.service[f]] : null)
export const frameOperation = (g: FlameGraph, f: number): string | null => (g.operation[f] >= 0 ? g.names[g.operation[f]] : null)

/** A frame's name in plain words. */
export function frameLabel(g: FlameGraph, f: number): string {
  const kind = frameKind(g.kind[f])
  if (kind === 'all') return 'All spans'
  if (kind === 'missing-parent') return 'Missing parent'
  if (kind === 'not-captured') return 'Not captured (before the PostTrace trigger)'
  return `${frameService(g, f) ?? ''} ${frameOperation(g, f) ?? ''}`
}

/** Frames from frame 0 down to `f`. */
export function framePath(g: FlameGraph, f: number): number[] {
  const out: number[] = []
  for (let x = f; x !== -1; x = g.parent[x]) out.push(x)
  return out.reverse()
}

/**
 * Where each frame is drawn, as fractions [x, x + width) of frame 0's width.
 * - `self`: a frame's width is its spans' self time plus its children's widths (the flame graph of
 *   a CPU profile: children always fit, and the widths add up to all the work the trace recorded).
 * - `total`: a frame's width is its spans' summed durations. Calls made in parallel can add up to
 *   more than their caller's duration; such children are drawn scaled down to fit their parent,
 *   and `squeeze[f]` (< 1) says by how much, so the view can say so.
 * Frames that are not spans (all, missing parent) are as wide as their children.
 */
export interface FlameLayout {
  metric: FlameMetric
  /** µs the frame stands for in this metric */
  value: Float64Array
  x: Float64Array
  width: Float64Array
  /** factor the children of frame f were scaled by to fit it (1: not scaled) */
  squeeze: Float64Array
}

export function layoutFlame(g: FlameGraph, metric: FlameMetric): FlameLayout {
  const n = g.frameCount
  const value = new Float64Array(n)
  const childSum = new Float64Array(n)
  for (let f = n - 1; f >= 0; f--) {
    const kind = g.kind[f]
    const own = metric === 'self' ? g.self[f] + childSum[f] : kind === KIND_CODE.all || kind === KIND_CODE['missing-parent'] ? childSum[f] : g.total[f]
    value[f] = own
    if (f > 0) childSum[g.parent[f]] += own
  }
  const x = new Float64Array(n)
  const width = new Float64Array(n)
  const squeeze = new Float64Array(n).fill(1)
  width[0] = value[0] > 0 ? 1 : 0
  for (let f = 0; f < n; f++) {
    const sum = childSum[f]
    if (sum <= 0) continue
    const scale = value[f] > 0 ? Math.min(1, value[f] / sum) : 0
    squeeze[f] = scale
    const unit = value[f] > 0 ? width[f] / value[f] : 0
    let cursor = x[f]
    for (let k = g.childStart[f]; k < g.childStart[f + 1]; k++) {
      const c = g.childList[k]
      x[c] = cursor
      width[c] = value[c] * unit * scale
      cursor += width[c]
    }
  }
  return { metric, value, x, width, squeeze }
}

/**
 * Frames whose service or operation contains `query` (case-insensitive; "service operation" also
 * matches across both). Returns flags per frame and how many frames and spans match.
 */
export function matchFrames(g: FlameGraph, query: string): { flags: Uint8Array; frames: number; spans: number } {
  const q = query.trim().toLowerCase()
  const flags = new Uint8Array(g.frameCount)
  if (!q) return { flags, frames: 0, spans: 0 }
  const nameHit = g.names.map((s) => s.toLowerCase().includes(q))
  let frames = 0
  let spans = 0
  for (let f = 0; f < g.frameCount; f++) {
    const s = g.service[f]
    const o = g.operation[f]
    if (s < 0) continue
    const hit = nameHit[s] || nameHit[o] || `${g.names[s]} ${g.names[o]}`.toLowerCase().includes(q)
    if (!hit) continue
    flags[f] = 1
    frames++
    spans += g.count[f]
  }
  return { flags, frames, spans }
}

/** The typed arrays of a flame graph, for handing it to another thread without copying. */
export function flameTransferables(g: FlameGraph): ArrayBuffer[] {
  const arrays = [g.parent, g.depth, g.service, g.operation, g.kind, g.count, g.errors, g.critical, g.total, g.self, g.criticalTime, g.first, g.childStart, g.childList, g.spanStart, g.spanList, g.nodeFrame]
  return arrays.map((a) => a.buffer as ArrayBuffer)
}

export type FlameMove = 'parent' | 'child' | 'prev' | 'next' | 'page-prev' | 'page-next'

/** Frames a PageUp / PageDown jumps over. */
export const FLAME_PAGE = 10

/**
 * The keyboard cursor's next frame: up to the parent, down to the first child with width,
 * left/right to the neighbouring frame on the same row (across parents, in drawing order),
 * a page: ten of those steps. Frames of zero width (not drawn) are skipped; at an edge the cursor
 * stays where it is.
 */
export function moveFlameCursor(g: FlameGraph, layout: FlameLayout, f: number, move: FlameMove): number {
  if (f < 0 || f >= g.frameCount) return 0
  if (move === 'parent') return g.parent[f] >= 0 ? g.parent[f] : f
  if (move === 'child') {
    for (let k = g.childStart[f]; k < g.childStart[f + 1]; k++) if (layout.width[g.childList[k]] > 0) return g.childList[k]
    return f
  }
  const steps = move === 'page-prev' || move === 'page-next' ? FLAME_PAGE : 1
  const dir = move === 'prev' || move === 'page-prev' ? -1 : 1
  const depth = g.depth[f]
  const row: number[] = []
  for (let i = 0; i < g.frameCount; i++) if (g.depth[i] === depth && layout.width[i] > 0) row.push(i)
  row.sort((a, b) => layout.x[a] - layout.x[b])
  const at = row.indexOf(f)
  if (at < 0) return f
  return row[Math.max(0, Math.min(row.length - 1, at + dir * steps))]
}

/** Where the keyboard cursor starts: the selected span's frame, else the zoomed frame's first drawn child, else the root span's frame. */
export function startFlameCursor(g: FlameGraph, layout: FlameLayout, selected: number, zoom: number): number {
  if (selected > 0 && layout.width[selected] > 0) return selected
  const first = moveFlameCursor(g, layout, zoom, 'child')
  return first !== zoom ? first : zoom
}
